package dev.bizo.crm.search.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import dev.bizo.crm.search.model.internal.Float16;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CompactWeightsTest {

  private static final int COLUMNS = 64;
  /** A vocabulary-sized table: just enough values for INT8_TABLES. */
  private static final int ROWS = CompactWeights.MIN_INT8_TABLE_ELEMENTS / COLUMNS;
  private static final int POSITIONS = 512;

  /**
   * ids -> Gather(table) + Gather(positions) -> MatMul(weight) + bias -> out; table, positions and weight are
   * large, bias is small.
   */
  private static ModelProto model() {
    Random random = new Random(3);
    float[] table = new float[ROWS * COLUMNS];
    float[] weight = new float[COLUMNS * COLUMNS];
    float[] positions = new float[POSITIONS * COLUMNS];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = (float) random.nextGaussian() * 0.1f;
    }
    for (int i = 0; i < table.length; i++) {
      table[i] = (float) random.nextGaussian() * (1 + (i / COLUMNS) % 100); // rows of very different ranges
    }
    for (int i = 0; i < weight.length; i++) {
      weight[i] = (float) random.nextGaussian() * 0.05f * (1 + i % COLUMNS); // columns of different ranges
    }
    GraphProto graph = GraphProto.newBuilder().setName("g")
        .addInput(ValueInfoProto.newBuilder().setName("ids"))
        .addInput(ValueInfoProto.newBuilder().setName("weight")) // old exporters list initializers as inputs
        .addOutput(ValueInfoProto.newBuilder().setName("out"))
        .addInitializer(floats("table", table, ROWS, COLUMNS))
        .addInitializer(floats("weight", weight, COLUMNS, COLUMNS))
        .addInitializer(floats("positions", positions, POSITIONS, COLUMNS))
        .addInitializer(floats("bias", new float[COLUMNS], COLUMNS))
        .addNode(NodeProto.newBuilder().setOpType("Gather").addInput("table").addInput("ids").addOutput("rows"))
        .addNode(NodeProto.newBuilder().setOpType("Gather").addInput("positions").addInput("ids").addOutput("pos"))
        .addNode(NodeProto.newBuilder().setOpType("Add").addInput("rows").addInput("pos").addOutput("sum"))
        .addNode(NodeProto.newBuilder().setOpType("MatMul").addInput("sum").addInput("weight").addOutput("mm"))
        .addNode(NodeProto.newBuilder().setOpType("Add").addInput("mm").addInput("bias").addOutput("out"))
        .build();
    return ModelProto.newBuilder().setIrVersion(6).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(11))
        .setGraph(graph).build();
  }

  private static TensorProto floats(String name, float[] values, long... dims) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      bytes.putFloat(v);
    }
    bytes.flip();
    TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(DataType.FLOAT_VALUE)
        .setRawData(ByteString.copyFrom(bytes));
    for (long d : dims) {
      tensor.addDims(d);
    }
    return tensor.build();
  }

  private static float[] values(TensorProto tensor) {
    ByteBuffer raw = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[raw.remaining() / 4];
    raw.asFloatBuffer().get(out);
    return out;
  }

  private static Map<String, TensorProto> initializers(ModelProto model) {
    return model.getGraph().getInitializerList().stream()
        .collect(Collectors.toMap(TensorProto::getName, Function.identity()));
  }

  private static ModelProto compacted(WeightStorage storage) throws Exception {
    return ModelProto.parseFrom(CompactWeights.compact(model().toByteArray(), storage));
  }

  @Test
  void stores_large_weights_as_float16_behind_a_cast_and_leaves_small_ones() throws Exception {
    ModelProto model = compacted(WeightStorage.FLOAT16);
    Map<String, TensorProto> init = initializers(model);

    assertThat(init).containsOnlyKeys("table_fp16", "positions_fp16", "weight_fp16", "bias");
    assertThat(init.get("bias").getDataType()).isEqualTo(DataType.FLOAT_VALUE);
    assertThat(init.get("table_fp16").getDataType()).isEqualTo(DataType.FLOAT16_VALUE);
    assertThat(init.get("table_fp16").getRawData().size()).isEqualTo(ROWS * COLUMNS * 2);
    // the decoders come first (topological order), then the original nodes unchanged
    assertThat(model.getGraph().getNodeList()).extracting(NodeProto::getOpType)
        .containsExactly("Cast", "Cast", "Cast", "Gather", "Gather", "Add", "MatMul", "Add");
    NodeProto cast = model.getGraph().getNode(0);
    assertThat(cast.getInputList()).containsExactly("table_fp16");
    assertThat(cast.getOutputList()).containsExactly("table");
    assertThat(cast.getAttribute(0).getI()).isEqualTo(DataType.FLOAT_VALUE);
    // the converted initializer is no longer a graph input
    assertThat(model.getGraph().getInputList()).extracting(ValueInfoProto::getName).containsExactly("ids");
    assertThat(model.getMetadataPropsList()).anyMatch(
        p -> p.getKey().equals(CompactWeights.STORAGE_METADATA_KEY) && p.getValue().equals("FLOAT16"));

    float[] original = values(initializers(model()).get("table"));
    ByteBuffer half = init.get("table_fp16").getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    for (float value : original) {
      assertThat(Float16.toFloat(half.getShort())).isEqualTo(Float16.toFloat(Float16.fromFloat(value)));
    }
  }

  @Test
  void stores_large_weights_as_int8_with_one_scale_per_output_channel() throws Exception {
    ModelProto model = compacted(WeightStorage.INT8_PER_CHANNEL);
    Map<String, TensorProto> init = initializers(model);

    assertThat(init).containsOnlyKeys("table_int8", "table_scale", "positions_int8", "positions_scale",
        "weight_int8", "weight_scale", "bias");
    assertThat(init.get("table_int8").getDataType()).isEqualTo(DataType.INT8_VALUE);
    // a Gather table's channel is its row (scale [rows, 1]); a MatMul weight's is its column (scale [columns])
    assertThat(init.get("table_scale").getDimsList()).containsExactly((long) ROWS, 1L);
    assertThat(init.get("weight_scale").getDimsList()).containsExactly((long) COLUMNS);
    assertThat(model.getGraph().getNodeList()).extracting(NodeProto::getOpType)
        .containsExactly("Cast", "Mul", "Cast", "Mul", "Cast", "Mul", "Gather", "Gather", "Add", "MatMul", "Add");
    assertThat(model.getGraph().getNode(1).getOutputList()).containsExactly("table");

    assertDequantizesWithinHalfAStep(values(initializers(model()).get("table")), init.get("table_int8"),
        values(init.get("table_scale")), true);
    assertDequantizesWithinHalfAStep(values(initializers(model()).get("weight")), init.get("weight_int8"),
        values(init.get("weight_scale")), false);
  }

  private static void assertDequantizesWithinHalfAStep(
      float[] original, TensorProto quantized, float[] scales, boolean perRow) {
    byte[] q = quantized.getRawData().toByteArray();
    float[] channelMax = new float[scales.length];
    for (int i = 0; i < original.length; i++) {
      int channel = perRow ? i / COLUMNS : i % COLUMNS;
      channelMax[channel] = Math.max(channelMax[channel], Math.abs(original[i]));
      assertThat(q[i]).isBetween((byte) -127, (byte) 127);
      assertThat(q[i] * scales[channel]).isCloseTo(original[i], within(scales[channel] * 0.5001f));
    }
    for (int c = 0; c < scales.length; c++) {
      assertThat(scales[c]).isCloseTo(channelMax[c] / 127f, within(1e-9f));
    }
  }

  @Test
  void stores_vocabulary_sized_tables_as_int8_and_the_rest_as_float16() throws Exception {
    ModelProto model = compacted(WeightStorage.INT8_TABLES);

    assertThat(initializers(model)).containsOnlyKeys("table_int8", "table_scale", "positions_fp16", "weight_fp16", "bias");
    assertThat(model.getGraph().getNodeList()).extracting(NodeProto::getOpType)
        .containsExactly("Cast", "Mul", "Cast", "Cast", "Gather", "Gather", "Add", "MatMul", "Add");
  }

  @Test
  void leaves_weights_used_other_ways_in_fp32_for_int8() throws Exception {
    GraphProto graph = model().getGraph().toBuilder()
        .addNode(NodeProto.newBuilder().setOpType("Add").addInput("weight").addInput("weight").addOutput("twice"))
        .build();
    byte[] out = CompactWeights.compact(model().toBuilder().setGraph(graph).build().toByteArray(),
        WeightStorage.INT8_PER_CHANNEL);
    assertThat(initializers(ModelProto.parseFrom(out)).get("weight").getDataType()).isEqualTo(DataType.FLOAT_VALUE);
  }
}
