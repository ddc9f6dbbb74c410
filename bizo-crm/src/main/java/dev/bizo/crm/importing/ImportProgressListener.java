package dev.bizo.crm.importing;

/** Receives import progress; called on the importing thread, so keep it quick. */
@FunctionalInterface
public interface ImportProgressListener {

  /** A listener that ignores progress. */
  ImportProgressListener NONE = (processed, total) -> { };

  /**
   * Called after each row, and once at the end.
   *
   * @param processed rows read so far, good or bad
   * @param total rows in the file, or -1 when the input is a stream of unknown length
   */
  void onProgress(long processed, long total);
}
