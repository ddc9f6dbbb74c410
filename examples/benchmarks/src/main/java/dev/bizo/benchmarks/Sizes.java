package dev.bizo.benchmarks;

/** The size flags the benchmarks' own {@code main} methods take, as the suite does. */
public final class Sizes {

  private Sizes() {}

  /** {@code --full} or {@code --tiny} among {@code args}; otherwise small. */
  public static SuiteSize fromArgs(String[] args) {
    SuiteSize size = SuiteSize.SMALL;
    for (String a : args) {
      if (a.equals("--full")) {
        size = SuiteSize.FULL;
      } else if (a.equals("--tiny")) {
        size = SuiteSize.TINY;
      } else {
        throw new IllegalArgumentException("Unknown argument " + a + " (--full or --tiny)");
      }
    }
    return size;
  }
}
