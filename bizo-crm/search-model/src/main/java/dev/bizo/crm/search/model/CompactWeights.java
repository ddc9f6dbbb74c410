package dev.bizo.crm.search.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.bizo.crm.search.model.internal.Float16;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites an fp32 ONNX model so that its large float initializers (weights of at least {@link #MIN_ELEMENTS}
 * values) are stored in a compact {@link WeightStorage} and turned back into fp32 by nodes placed in front of
 * the graph. Those nodes have only constant inputs, so ONNX Runtime folds them when the session loads: the
 * model then computes in fp32 exactly as before, with weights that carry only the storage's rounding.
 *
 * <p>Run at build time ({@link #main(String[])}); the converted model is never committed.
 */
public final class CompactWeights {

  /** Initializers with fewer values (biases, layer norms, small tables) stay fp32: they weigh nothing. */
  public static final int MIN_ELEMENTS = 4096;

  /** {@link WeightStorage#INT8_TABLES} stores lookup tables of at least this many values (4 MB) as int8. */
  public static final int MIN_INT8_TABLE_ELEMENTS = 1 << 20;

  /** The metadata key the converted model records its storage under. */
  public static final String STORAGE_METADATA_KEY = "bizo.weight_storage";

  private CompactWeights() {}

  /**
   * The model with its large weights stored as {@code storage} says.
   *
   * @param fp32Model the serialized ONNX model
   * @return the serialized converted model
   * @throws IllegalArgumentException if the bytes are not an ONNX model
   */
  public static byte[] compact(byte[] fp32Model, WeightStorage storage) {
    ModelProto model;
    try {
      model = ModelProto.parseFrom(fp32Model);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
    }
    GraphProto graph = model.getGraph();
    Map<String, List<Use>> uses = uses(graph);
    List<TensorProto> initializers = new ArrayList<>();
    List<NodeProto> decoders = new ArrayList<>();
    Set<String> converted = new HashSet<>();
    for (TensorProto tensor : graph.getInitializerList()) {
      if (!large(tensor)) {
        initializers.add(tensor);
        continue;
      }
      boolean done = switch (storage) {
        case FLOAT16 -> toFloat16(tensor, initializers, decoders);
        case INT8_PER_CHANNEL -> toInt8(tensor, uses.getOrDefault(tensor.getName(), List.of()), initializers, decoders);
        case INT8_TABLES -> gathered(uses.getOrDefault(tensor.getName(), List.of()))
                && elements(tensor) >= MIN_INT8_TABLE_ELEMENTS
            ? toInt8(tensor, uses.get(tensor.getName()), initializers, decoders)
            : toFloat16(tensor, initializers, decoders);
      };
      if (done) {
        converted.add(tensor.getName());
      } else {
        initializers.add(tensor);
      }
    }
    List<ValueInfoProto> inputs = new ArrayList<>();
    for (ValueInfoProto input : graph.getInputList()) {
      if (!converted.contains(input.getName())) {
        inputs.add(input); // an initializer also listed as an input would clash with its decoder's output
      }
    }
    GraphProto.Builder out = graph.toBuilder().clearInitializer().addAllInitializer(initializers)
        .clearInput().addAllInput(inputs)
        .clearNode().addAllNode(decoders).addAllNode(graph.getNodeList());
    return model.toBuilder().setGraph(out)
        .addMetadataProps(StringStringEntryProto.newBuilder().setKey(STORAGE_METADATA_KEY).setValue(storage.name()))
        .build().toByteArray();
  }

  /**
   * Build entry point: reads a model and its tokenizer from the class path (the fp32 model's jar) and writes
   * the converted model and a copy of the tokenizer.
   *
   * <p>Arguments: model resource, tokenizer resource, {@link WeightStorage} name, model output file, tokenizer
   * output file.
   *
   * @throws IOException if a resource is missing or a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 5) {
      throw new IllegalArgumentException("usage: CompactWeights MODEL_RESOURCE TOKENIZER_RESOURCE "
          + "FLOAT16|INT8_PER_CHANNEL MODEL_OUT TOKENIZER_OUT");
    }
    byte[] model = resource(args[0]);
    byte[] tokenizer = resource(args[1]);
    WeightStorage storage = WeightStorage.valueOf(args[2]);
    byte[] compact = compact(model, storage);
    write(Path.of(args[3]), compact);
    write(Path.of(args[4]), tokenizer);
    System.out.printf(Locale.ROOT, "CompactWeights: %s %.1f MB -> %s %.1f MB (%s)%n",
        args[0], model.length / 1e6, args[3], compact.length / 1e6, storage);
  }

  private static byte[] resource(String name) throws IOException {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no resource " + name + " on the class path");
      }
      return in.readAllBytes();
    }
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Use(String opType, int input) {}

  private static Map<String, List<Use>> uses(GraphProto graph) {
    Map<String, List<Use>> uses = new HashMap<>();
    for (NodeProto node : graph.getNodeList()) {
      for (int i = 0; i < node.getInputCount(); i++) {
        uses.computeIfAbsent(node.getInput(i), k -> new ArrayList<>()).add(new Use(node.getOpType(), i));
      }
    }
    return uses;
  }

  private static boolean large(TensorProto tensor) {
    return tensor.getDataType() == DataType.FLOAT_VALUE
        && tensor.getDataLocation() != TensorProto.DataLocation.EXTERNAL
        && elements(tensor) >= MIN_ELEMENTS;
  }

  private static long elements(TensorProto tensor) {
    long count = 1;
    for (long dim : tensor.getDimsList()) {
      count *= dim;
    }
    return count;
  }

  private static float[] floats(TensorProto tensor) {
    if (!tensor.getRawData().isEmpty()) {
      ByteBuffer raw = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      float[] values = new float[raw.remaining() / Float.BYTES];
      raw.asFloatBuffer().get(values);
      return values;
    }
    float[] values = new float[tensor.getFloatDataCount()];
    for (int i = 0; i < values.length; i++) {
      values[i] = tensor.getFloatData(i);
    }
    return values;
  }

  private static boolean toFloat16(TensorProto tensor, List<TensorProto> initializers, List<NodeProto> decoders) {
    float[] values = floats(tensor);
    ByteBuffer half = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : values) {
      half.putShort(Float16.fromFloat(value));
    }
    half.flip();
    String stored = tensor.getName() + "_fp16";
    initializers.add(TensorProto.newBuilder().setName(stored).setDataType(DataType.FLOAT16_VALUE)
        .addAllDims(tensor.getDimsList()).setRawData(ByteString.copyFrom(half)).build());
    decoders.add(cast(stored, tensor.getName()));
    return true;
  }

  private static boolean toInt8(
      TensorProto tensor, List<Use> uses, List<TensorProto> initializers, List<NodeProto> decoders) {
    if (tensor.getDimsCount() != 2 || uses.isEmpty()) {
      return false;
    }
    boolean gathered = gathered(uses);
    boolean multiplied = uses.stream().allMatch(u -> u.opType().equals("MatMul") && u.input() == 1);
    if (!gathered && !multiplied) {
      return false;
    }
    int rows = Math.toIntExact(tensor.getDims(0));
    int columns = Math.toIntExact(tensor.getDims(1));
    float[] values = floats(tensor);
    // The output channel: a Gather table's row (one token's vector), a MatMul weight's column (one output).
    int channels = gathered ? rows : columns;
    float[] scales = new float[channels];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        int channel = gathered ? r : c;
        scales[channel] = Math.max(scales[channel], Math.abs(values[r * columns + c]));
      }
    }
    for (int k = 0; k < channels; k++) {
      scales[k] = scales[k] == 0 ? 1f : scales[k] / 127f;
    }
    byte[] quantized = new byte[values.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        int i = r * columns + c;
        long q = Math.round(values[i] / scales[gathered ? r : c]);
        quantized[i] = (byte) Math.max(-127, Math.min(127, q));
      }
    }
    ByteBuffer scaleBytes = ByteBuffer.allocate(channels * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float scale : scales) {
      scaleBytes.putFloat(scale);
    }
    scaleBytes.flip();
    String stored = tensor.getName() + "_int8";
    String scale = tensor.getName() + "_scale";
    initializers.add(TensorProto.newBuilder().setName(stored).setDataType(DataType.INT8_VALUE)
        .addAllDims(tensor.getDimsList()).setRawData(ByteString.copyFrom(quantized)).build());
    TensorProto.Builder scaleTensor = TensorProto.newBuilder().setName(scale).setDataType(DataType.FLOAT_VALUE)
        .setRawData(ByteString.copyFrom(scaleBytes));
    if (gathered) {
      scaleTensor.addDims(rows).addDims(1);
    } else {
      scaleTensor.addDims(columns);
    }
    initializers.add(scaleTensor.build());
    decoders.add(cast(stored, stored + "_float"));
    decoders.add(NodeProto.newBuilder().setOpType("Mul").setName(tensor.getName() + "_dequantize")
        .addInput(stored + "_float").addInput(scale).addOutput(tensor.getName()).build());
    return true;
  }

  private static boolean gathered(List<Use> uses) {
    return !uses.isEmpty() && uses.stream().allMatch(u -> u.opType().equals("Gather") && u.input() == 0);
  }

  private static NodeProto cast(String input, String output) {
    return NodeProto.newBuilder().setOpType("Cast").setName(output + "_cast").addInput(input).addOutput(output)
        .addAttribute(AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
            .setI(DataType.FLOAT_VALUE))
        .build();
  }
}
