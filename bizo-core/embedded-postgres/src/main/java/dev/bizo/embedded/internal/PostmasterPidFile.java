package dev.bizo.embedded.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The first two lines of a cluster's {@code postmaster.pid}: the pid of the postmaster that wrote it and the
 * data directory it was started on. PostgreSQL writes the file at start and removes it on a clean shutdown, so
 * one left behind names either a server still running or one that died.
 *
 * @param pid the postmaster's process id, positive
 * @param dataDirectory the data directory as the postmaster recorded it (absolute)
 */
public record PostmasterPidFile(long pid, Path dataDirectory) {

  /** The file's name inside the data directory. */
  public static final String FILE_NAME = "postmaster.pid";

  public PostmasterPidFile {
    if (pid <= 0) {
      throw new IllegalArgumentException("pid must be positive, was " + pid);
    }
    Objects.requireNonNull(dataDirectory, "dataDirectory");
  }

  /**
   * Reads {@code postmaster.pid} in {@code dataDirectory}.
   *
   * @return the pid and directory, or empty when there is no such file or it is not in PostgreSQL's format
   *     (a server writing it this very moment, or a file that is not PostgreSQL's)
   * @throws UncheckedIOException when the file exists but cannot be read
   */
  public static Optional<PostmasterPidFile> read(Path dataDirectory) {
    List<String> lines;
    try {
      lines = Files.readAllLines(dataDirectory.resolve(FILE_NAME), StandardCharsets.UTF_8);
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dataDirectory.resolve(FILE_NAME), e);
    }
    if (lines.size() < 2 || lines.get(1).isBlank()) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(lines.get(0).trim());
      return pid > 0 ? Optional.of(new PostmasterPidFile(pid, Path.of(lines.get(1).trim()))) : Optional.empty();
    } catch (NumberFormatException | java.nio.file.InvalidPathException notPostgres) {
      return Optional.empty();
    }
  }
}
