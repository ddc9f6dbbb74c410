package dev.bizo.crm.search;

import dev.bizo.crm.search.internal.CompactMiniLmModel;
import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * The embedding model this artifact bundles: all-MiniLM-L6-v2 run in-process by ONNX Runtime, offline, 384
 * dimensions, mean pooled and normalized. Its weights are stored compactly (see {@link #NAME}) and computed in
 * fp32: the build converts LangChain4j's fp32 model, and the benchmark suite checks that it ranks leads as the
 * fp32 model does (top-10 agreement of at least 0.99). Loading it takes about a second and some 100 MB of
 * memory; load it once and share it.
 */
public final class BundledModel {

  /** Dimensions of its vectors. */
  public static final int DIMENSION = 384;

  /**
   * The name stored beside each vector it computed; a different name makes every lead count as changed. It
   * names the weight storage: vectors of the fp32 model (stored as {@code AllMiniLmL6V2EmbeddingModel/384})
   * differ slightly, so they are recomputed.
   */
  public static final String NAME = "all-MiniLM-L6-v2-" + CompactMiniLmModel.STORAGE + "/" + DIMENSION;

  private BundledModel() {}

  /** Loads the model now, on the calling thread (the first call loads it; later ones share it). */
  public static EmbeddingModel load() {
    return new CompactMiniLmModel();
  }

  /** A {@link BackgroundModel} of this model, not yet loading. */
  public static BackgroundModel inBackground() {
    return new BackgroundModel(NAME, DIMENSION, BundledModel::load);
  }
}
