package dev.bizo.benchmarks.crm;

import java.util.Random;

/**
 * Seeded stand-ins for sentence embeddings: unit vectors {@code normalize(W z / sqrt(r) + noise * g)} with a
 * fixed random {@code dimension x r} matrix {@code W} (r = {@value #RANK}), {@code z} and {@code g} standard
 * normal. Real embeddings of one model occupy few directions of their space; these do too, with enough noise
 * that every vector has a direction of its own. Every tenant's vectors and queries come from the same
 * distribution, as they come from the same model.
 */
final class SyntheticEmbeddings {

  /** The dimension of the subspace the vectors lie near. */
  static final int RANK = 24;

  private static final double NOISE = 0.3;

  private final int dimension;
  private final float[][] basis;

  SyntheticEmbeddings(int dimension, long seed) {
    this.dimension = dimension;
    Random r = new Random(seed);
    basis = new float[RANK][dimension];
    for (float[] row : basis) {
      for (int d = 0; d < dimension; d++) {
        row[d] = (float) r.nextGaussian();
      }
    }
  }

  /** The next vector drawn with {@code random}. */
  float[] next(Random random) {
    double[] v = new double[dimension];
    double scale = 1 / Math.sqrt(RANK);
    for (float[] row : basis) {
      double z = random.nextGaussian() * scale;
      for (int d = 0; d < dimension; d++) {
        v[d] += z * row[d];
      }
    }
    double norm = 0;
    for (int d = 0; d < dimension; d++) {
      v[d] += NOISE * random.nextGaussian();
      norm += v[d] * v[d];
    }
    norm = Math.sqrt(norm);
    float[] out = new float[dimension];
    for (int d = 0; d < dimension; d++) {
      out[d] = (float) (v[d] / norm);
    }
    return out;
  }
}
