package dev.bizo.crm.search;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * The embedding model this artifact bundles: all-MiniLM-L6-v2 run in-process by ONNX Runtime, offline, 384
 * dimensions. Loading it takes about a second and some 100 MB of memory; load it once and share it.
 */
public final class BundledModel {

  /** Dimensions of its vectors. */
  public static final int DIMENSION = 384;

  /** The name stored beside each vector it computed; a different name makes every lead count as changed. */
  public static final String NAME = "AllMiniLmL6V2EmbeddingModel/" + DIMENSION;

  private BundledModel() {}

  /** Loads the model now, on the calling thread. */
  public static EmbeddingModel load() {
    return new AllMiniLmL6V2EmbeddingModel();
  }

  /** A {@link BackgroundModel} of this model, not yet loading. */
  public static BackgroundModel inBackground() {
    return new BackgroundModel(NAME, DIMENSION, BundledModel::load);
  }
}
