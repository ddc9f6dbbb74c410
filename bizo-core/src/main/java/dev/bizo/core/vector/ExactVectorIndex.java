package dev.bizo.core.vector;

import dev.bizo.core.ValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Exact cosine top-k over float vectors by a full scan. It is the reference an approximate index or
 * database-backed store must agree with, and fast enough alone for a tenant's leads: vectors are
 * normalized once on insert, so a query costs one dot product per vector. Ties rank the earlier
 * inserted key first. Not thread-safe; guard it externally when shared.
 *
 * @param <K> the key type, e.g. a lead id
 */
public final class ExactVectorIndex<K> {

  private final int dimension;
  private final Map<K, Integer> slots = new HashMap<>();
  private final List<K> keys = new ArrayList<>();
  private final List<float[]> vectors = new ArrayList<>();
  private final List<Long> sequence = new ArrayList<>();
  private long nextSequence;

  /** An empty index of vectors with the given dimension. */
  public ExactVectorIndex(int dimension) {
    if (dimension <= 0) {
      throw ValidationException.ofField("dimension", "not_positive", "dimension must be positive");
    }
    this.dimension = dimension;
  }

  public int dimension() {
    return dimension;
  }

  public int size() {
    return keys.size();
  }

  /**
   * Adds or replaces the vector of a key. A replaced key keeps its place for tie-breaking.
   *
   * @throws ValidationException for a vector of the wrong dimension or of zero length
   */
  public void put(K key, float[] vector) {
    Objects.requireNonNull(key, "key");
    float[] unit = normalized(vector);
    Integer slot = slots.get(key);
    if (slot != null) {
      vectors.set(slot, unit);
      return;
    }
    slots.put(key, keys.size());
    keys.add(key);
    vectors.add(unit);
    sequence.add(nextSequence++);
  }

  /** Removes a key; returns whether it was present. */
  public boolean remove(K key) {
    Integer slot = slots.remove(key);
    if (slot == null) {
      return false;
    }
    int last = keys.size() - 1;
    if (slot != last) {
      K moved = keys.get(last);
      keys.set(slot, moved);
      vectors.set(slot, vectors.get(last));
      sequence.set(slot, sequence.get(last));
      slots.put(moved, slot);
    }
    keys.remove(last);
    vectors.remove(last);
    sequence.remove(last);
    return true;
  }

  /**
   * The {@code k} keys most similar to the query, most similar first.
   *
   * @param query a vector of this index's dimension
   * @param k how many to return, positive
   * @return at most {@code k} matches
   */
  public List<VectorMatch<K>> topK(float[] query, int k) {
    if (k <= 0) {
      throw ValidationException.ofField("k", "not_positive", "k must be positive");
    }
    float[] q = normalized(query);
    // Min-heap on (similarity, then later insertion is "smaller") keeps the k best.
    PriorityQueue<long[]> heap = new PriorityQueue<>(k + 1, (a, b) -> {
      int c = Double.compare(Double.longBitsToDouble(a[0]), Double.longBitsToDouble(b[0]));
      return c != 0 ? c : Long.compare(b[1], a[1]);
    });
    double floor = Double.NEGATIVE_INFINITY;
    for (int i = 0, n = vectors.size(); i < n; i++) {
      float[] v = vectors.get(i);
      double dot = dot(v, q, dimension);
      if (dot < floor) {
        continue; // cannot enter a full heap: skip without allocating
      }
      long[] entry = {Double.doubleToLongBits(dot), sequence.get(i), i};
      if (heap.size() < k) {
        heap.add(entry);
      } else if (heap.comparator().compare(entry, heap.peek()) > 0) {
        heap.poll();
        heap.add(entry);
      }
      if (heap.size() == k) {
        floor = Double.longBitsToDouble(heap.peek()[0]);
      }
    }
    List<VectorMatch<K>> out = new ArrayList<>(heap.size());
    while (!heap.isEmpty()) {
      long[] e = heap.poll();
      out.add(new VectorMatch<>(keys.get((int) e[2]), Double.longBitsToDouble(e[0])));
    }
    Collections.reverse(out);
    return out;
  }

  /**
   * Dot product of unit vectors in four independent float lanes, which the JIT can pipeline; over unit
   * vectors the float sums stay within about 1e-6 of a double sum.
   */
  private static double dot(float[] v, float[] q, int dimension) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int d = 0;
    for (int last = dimension - 3; d < last; d += 4) {
      s0 += v[d] * q[d];
      s1 += v[d + 1] * q[d + 1];
      s2 += v[d + 2] * q[d + 2];
      s3 += v[d + 3] * q[d + 3];
    }
    for (; d < dimension; d++) {
      s0 += v[d] * q[d];
    }
    return (double) (s0 + s1) + (double) (s2 + s3);
  }

  private float[] normalized(float[] vector) {
    Objects.requireNonNull(vector, "vector");
    if (vector.length != dimension) {
      throw ValidationException.ofField(
          "vector", "wrong_dimension", "expected " + dimension + " dimensions, got " + vector.length);
    }
    double norm = 0;
    for (float f : vector) {
      norm += (double) f * f;
    }
    norm = Math.sqrt(norm);
    if (!(norm > 0) || !Double.isFinite(norm)) {
      throw ValidationException.ofField("vector", "zero_length", "cannot index a zero vector");
    }
    float[] unit = new float[dimension];
    for (int d = 0; d < dimension; d++) {
      unit[d] = (float) (vector[d] / norm);
    }
    return unit;
  }
}
