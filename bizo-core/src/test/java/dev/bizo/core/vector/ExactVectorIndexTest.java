package dev.bizo.core.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.bizo.core.ValidationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExactVectorIndexTest {

  private static float[] random(Random r, int dim) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * (double) b[i];
      na += a[i] * (double) a[i];
      nb += b[i] * (double) b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  @Test
  void top_k_matches_a_brute_force_reference_on_random_vectors() {
    Random r = new Random(17);
    int dim = 48;
    ExactVectorIndex<Integer> index = new ExactVectorIndex<>(dim);
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      float[] v = random(r, dim);
      vectors.add(v);
      index.put(i, v);
    }
    for (int q = 0; q < 25; q++) {
      float[] query = random(r, dim);
      int k = 1 + r.nextInt(20);
      List<Integer> expected =
          java.util.stream.IntStream.range(0, vectors.size()).boxed()
              .sorted(Comparator.comparingDouble((Integer i) -> -cosine(vectors.get(i), query)))
              .limit(k)
              .collect(Collectors.toList());
      List<VectorMatch<Integer>> actual = index.topK(query, k);
      assertThat(actual).extracting(VectorMatch::key).containsExactlyElementsOf(expected);
      for (VectorMatch<Integer> m : actual) {
        assertThat(m.similarity()).isCloseTo(cosine(vectors.get(m.key()), query), within(1e-5));
      }
    }
  }

  @Test
  void replacing_and_removing_keys_changes_the_answer() {
    ExactVectorIndex<String> index = new ExactVectorIndex<>(2);
    index.put("east", new float[] {1, 0});
    index.put("north", new float[] {0, 1});
    index.put("west", new float[] {-1, 0});
    assertThat(index.topK(new float[] {1, 0.1f}, 1)).extracting(VectorMatch::key).containsExactly("east");
    index.put("east", new float[] {0, -1});
    assertThat(index.topK(new float[] {1, 0.1f}, 1)).extracting(VectorMatch::key).containsExactly("north");
    assertThat(index.remove("north")).isTrue();
    assertThat(index.remove("north")).isFalse();
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.topK(new float[] {1, 0.1f}, 5)).extracting(VectorMatch::key).containsExactly("east", "west");
  }

  @Test
  void ties_rank_the_earlier_key_first_and_k_beyond_size_returns_all() {
    ExactVectorIndex<String> index = new ExactVectorIndex<>(2);
    index.put("b", new float[] {2, 0});
    index.put("a", new float[] {1, 0});
    index.put("c", new float[] {3, 0});
    assertThat(index.topK(new float[] {1, 0}, 10)).extracting(VectorMatch::key).containsExactly("b", "a", "c");
  }

  @Test
  void refuses_wrong_dimensions_zero_vectors_and_bad_k() {
    ExactVectorIndex<String> index = new ExactVectorIndex<>(3);
    assertThatThrownBy(() -> index.put("x", new float[] {1, 2})).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> index.put("x", new float[] {0, 0, 0})).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> index.topK(new float[] {1, 0, 0}, 0)).isInstanceOf(ValidationException.class);
  }
}
