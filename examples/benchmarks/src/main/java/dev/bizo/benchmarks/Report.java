package dev.bizo.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Where measurements print their figures as soon as they have them, and notes (lines starting with
 * {@code #}) that say how a figure was taken. Thread-safe.
 */
public final class Report {

  private final PrintStream out;
  private final List<Figure> figures = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  /** A report printing to {@code out}. */
  public Report(PrintStream out) {
    this.out = out;
  }

  /** Prints a figure on its own line. */
  public synchronized void figure(Figure figure) {
    figures.add(figure);
    out.println(figure.line());
    out.flush();
  }

  /** Prints {@code # text}. */
  public synchronized void note(String text) {
    out.println("# " + text);
    out.flush();
  }

  /** Records and prints a failure; the suite then exits non-zero. */
  public synchronized void failure(String measurement, String why) {
    failures.add(measurement + ": " + why);
    out.println("# FAILED " + measurement + ": " + why);
    out.flush();
  }

  /** The figures printed so far. */
  public synchronized List<Figure> figures() {
    return List.copyOf(figures);
  }

  /** The failures recorded so far. */
  public synchronized List<String> failures() {
    return List.copyOf(failures);
  }
}
