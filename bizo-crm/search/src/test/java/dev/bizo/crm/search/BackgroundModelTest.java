package dev.bizo.crm.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConfigurationException;
import dev.bizo.crm.search.BackgroundModel.State;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Loading off the caller's path: fail fast with a retry delay while loading, answer once loaded. */
class BackgroundModelTest {

  /** A real, tiny model: the vector of a text is (length, vowels, 1). */
  private static final class CountingModel implements EmbeddingModel {
    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
      return Response.from(segments.stream()
          .map(s -> Embedding.from(new float[] {s.text().length(), s.text().replaceAll("[^aeiou]", "").length(), 1}))
          .toList());
    }

    @Override
    public int dimension() {
      return 3;
    }
  }

  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger loads = new AtomicInteger();

  /** Lets any loader still blocked finish, so no loader thread outlives its test. */
  @AfterEach
  void releaseLoader() {
    release.countDown();
  }

  private BackgroundModel gated() {
    return new BackgroundModel("counting/3", 3, () -> {
      loads.incrementAndGet();
      try {
        if (!release.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never released the loader");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return new CountingModel();
    });
  }

  @Test
  void knows_its_dimension_and_name_without_loading() {
    BackgroundModel model = gated();

    assertThat(model.dimension()).isEqualTo(3);
    assertThat(model.modelName()).isEqualTo("counting/3");
    assertThat(model.state()).isEqualTo(State.NOT_STARTED);
    assertThat(loads).hasValue(0);
  }

  @Test
  void embedding_while_loading_fails_at_once_with_search_model_loading_and_a_retry_delay() {
    BackgroundModel model = gated();
    model.start();

    assertThat(model.state()).isEqualTo(State.LOADING);
    assertThatThrownBy(() -> model.embed("hello"))
        .isInstanceOfSatisfying(ModelLoadingException.class, e -> {
          assertThat(e.code()).isEqualTo("search.model_loading");
          assertThat(e.isRetriable()).isTrue();
          assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
        });
    assertThat(model.loaded()).isEmpty();
  }

  @Test
  void the_first_embedding_starts_the_load_when_nobody_did_and_later_ones_are_answered() throws Exception {
    BackgroundModel model = gated();

    assertThatThrownBy(() -> model.embed("hello")).isInstanceOf(ModelLoadingException.class);
    assertThat(model.state()).isEqualTo(State.LOADING);
    release.countDown();
    model.start().get(10, TimeUnit.SECONDS);

    assertThat(model.state()).isEqualTo(State.READY);
    assertThat(model.embed("hello").content().vector()).containsExactly(5f, 2f, 1f);
    assertThat(loads).as("loaded once however often asked").hasValue(1);
  }

  @Test
  void the_waiting_view_waits_for_the_load_then_embeds() throws Exception {
    BackgroundModel model = gated();
    EmbeddingModel waiting = model.waitingUpTo(Duration.ofSeconds(20));
    Thread releaser = new Thread(() -> {
      while (model.state() != State.LOADING) {
        Thread.onSpinWait();
      }
      release.countDown();
    });
    releaser.start();

    assertThat(waiting.embed("queue").content().vector()).containsExactly(5f, 4f, 1f);
    assertThat(waiting.dimension()).isEqualTo(3);
    releaser.join(10_000);
  }

  @Test
  void awaiting_settlement_waits_for_a_load_in_progress_and_never_starts_one() throws Exception {
    BackgroundModel idle = gated();
    assertThat(idle.awaitSettled(Duration.ofMillis(10))).isTrue();
    assertThat(idle.state()).isEqualTo(State.NOT_STARTED);

    BackgroundModel model = gated();
    model.start();
    assertThat(model.awaitSettled(Duration.ofMillis(50))).as("still loading after its bound").isFalse();
    release.countDown();
    assertThat(model.awaitSettled(Duration.ofSeconds(20))).isTrue();
    assertThat(model.state()).isEqualTo(State.READY);
  }

  @Test
  void awaiting_settlement_ends_with_a_failed_load_too() {
    BackgroundModel model = new BackgroundModel("broken/3", 3, () -> {
      throw new IllegalStateException("no model here");
    });
    model.start();
    assertThat(model.awaitSettled(Duration.ofSeconds(20))).isTrue();
    assertThat(model.state()).isEqualTo(State.FAILED);
  }

  @Test
  void the_waiting_view_gives_up_after_its_bound_with_the_same_retriable_answer() {
    BackgroundModel model = gated();

    assertThatThrownBy(() -> model.waitingUpTo(Duration.ofMillis(50)).embed("late"))
        .isInstanceOf(ModelLoadingException.class);
    assertThat(model.state()).isEqualTo(State.LOADING);
  }

  @Test
  void a_failed_load_fails_every_embedding_with_search_model_failed() throws Exception {
    BackgroundModel model = new BackgroundModel("broken/3", 3, () -> {
      throw new IllegalStateException("model file missing");
    });
    model.start().handle((m, e) -> null).get(10, TimeUnit.SECONDS);

    assertThat(model.state()).isEqualTo(State.FAILED);
    assertThatThrownBy(() -> model.embed("x"))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.code()).isEqualTo("search.model_failed"))
        .hasMessageContaining("model file missing");
    assertThatThrownBy(() -> model.awaitLoaded(Duration.ofSeconds(1)))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void a_model_of_another_dimension_than_declared_fails_the_load() throws Exception {
    BackgroundModel model = new BackgroundModel("counting/384", 384, CountingModel::new);
    model.start().handle((m, e) -> null).get(10, TimeUnit.SECONDS);

    assertThat(model.state()).isEqualTo(State.FAILED);
    assertThatThrownBy(() -> model.embed("x")).hasMessageContaining("3 dimensions, not 384");
  }
}
