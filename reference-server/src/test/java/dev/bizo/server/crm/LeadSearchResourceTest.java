package dev.bizo.server.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bizo.core.ForbiddenException;
import dev.bizo.core.TenantId;
import dev.bizo.crm.search.BackgroundModel;
import dev.bizo.crm.search.ModelLoadingException;
import dev.bizo.server.auth.ResourceCall;
import dev.bizo.server.auth.TestCallers;
import dev.bizo.server.problem.Problem;
import dev.bizo.server.problem.ProblemTranslator;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.output.Response;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A search while the model loads: answered at once with the retriable {@code search.model_loading}
 * problem (503, Retry-After), after the caller's permission (through the endpoint's {@code @Requires}) and the
 * parameters were checked. The path
 * with a loaded model runs against the real server in {@code SearchModelLoadingIT}.
 */
class LeadSearchResourceTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private final TenantId tenant = TenantId.generate();

  /** A model whose load waits for the test; its embeddings are never asked for here. */
  private final BackgroundModel loading = new BackgroundModel("gated/3", 3, () -> {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return segments -> Response.from(
        segments.stream().map(s -> Embedding.from(new float[] {1, 0, 0})).toList());
  });

  @AfterEach
  void releaseLoader() {
    release.countDown();
  }

  private LeadSearchResource resource(String... roles) {
    LeadSearchResource resource = new LeadSearchResource();
    resource.caller = TestCallers.user(tenant, roles);
    resource.searchModel = loading;
    return resource;
  }

  /** A search as the server calls it: behind the endpoint's permission check. */
  private static Object search(LeadSearchResource resource, String q, String text, Integer k) throws Exception {
    return ResourceCall.invoke(resource.caller, resource, "search", q, text, k);
  }

  @Test
  void a_search_while_the_model_loads_is_503_search_model_loading_with_retry_after() {
    loading.start();

    Throwable thrown = catchThrowable(() -> resource("VIEWER").search("bakers", null, 3));

    assertThat(thrown).isInstanceOf(ModelLoadingException.class);
    ProblemTranslator translator = new ProblemTranslator();
    Problem problem = translator.translate(thrown, "/api/v1/leads/search");
    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.code()).isEqualTo("search.model_loading");
    assertThat(translator.retryAfter(thrown)).hasValueSatisfying(d -> assertThat(d).isPositive());
    assertThat(loading.state()).isEqualTo(BackgroundModel.State.LOADING);
  }

  @Test
  void the_first_search_starts_the_load_when_the_preload_has_not_yet() {
    assertThat(loading.state()).isEqualTo(BackgroundModel.State.NOT_STARTED);

    assertThatThrownBy(() -> resource("VIEWER").search("bakers", null, 3)).isInstanceOf(ModelLoadingException.class);

    assertThat(loading.state()).isEqualTo(BackgroundModel.State.LOADING);
  }

  @Test
  void bad_parameters_and_missing_permission_are_answered_before_the_model_is_asked() {
    assertThatThrownBy(() -> search(resource("VIEWER"), " ", null, 3)).hasMessageContaining("q is required");
    assertThatThrownBy(() -> search(resource("VIEWER"), "bakers", null, 51)).hasMessageContaining("1 to 50");
    assertThatThrownBy(() -> search(resource(), "bakers", null, 3)).isInstanceOf(ForbiddenException.class);

    assertThat(loading.state()).as("nothing started the load").isEqualTo(BackgroundModel.State.NOT_STARTED);
  }
}
