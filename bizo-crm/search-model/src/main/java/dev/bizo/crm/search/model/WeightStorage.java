package dev.bizo.crm.search.model;

/** How {@link CompactWeights} stores a large float weight; ONNX Runtime computes with fp32 either way. */
public enum WeightStorage {

  /** IEEE half precision (rounded to nearest, ties to even) with a {@code Cast(to=FLOAT)}: half the size. */
  FLOAT16("fp16"),

  /**
   * Symmetric int8, one scale per output channel (a {@code MatMul} weight's columns, a {@code Gather} table's
   * rows), with {@code Cast(to=FLOAT)} and {@code Mul(scale)}: a quarter of the size. This is
   * {@code DequantizeLinear} with zero point 0, spelled with opset-11 operators: per-axis
   * {@code DequantizeLinear} needs opset 13, and moving a model to 13 rewrites its {@code Unsqueeze} nodes.
   * A weight used any other way is left in fp32.
   */
  INT8_PER_CHANNEL("int8w"),

  /**
   * Large lookup tables ({@code Gather} data of at least {@link CompactWeights#MIN_INT8_TABLE_ELEMENTS} values:
   * a vocabulary's token embeddings) as {@link #INT8_PER_CHANNEL}, where a row's error only perturbs that
   * token's input; every other large weight as {@link #FLOAT16}. A {@code MatMul} weight's error is compounded
   * layer after layer, and a small table such as BERT's position embeddings is added to every token: measured on
   * all-MiniLM-L6-v2, int8 position embeddings cost more top-10 agreement than the int8 vocabulary, for 0.2 MB.
   */
  INT8_TABLES("int8e");

  private final String suffix;

  WeightStorage(String suffix) {
    this.suffix = suffix;
  }

  /** A short name for file names and figures ({@code fp16}, {@code int8w}). */
  public String suffix() {
    return suffix;
  }
}
