package dev.bizo.embedded.internal;

import dev.bizo.core.ConfigurationException;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL postmaster still running on a data directory after the process that started it ended without
 * stopping it. {@code pg_ctl} starts the postmaster in a session of its own, so a JVM killed with SIGKILL (the
 * OOM killer's signal) leaves it behind, still owning the directory; the next start on that directory must deal
 * with it first.
 *
 * <p>{@link #find(Path)} names a process as this directory's only when every piece of evidence agrees:
 * <ol>
 *   <li>the directory's {@code postmaster.pid} names a live process (not a zombie, not this JVM);</li>
 *   <li>the data directory written in {@code postmaster.pid} is this one (canonical paths);</li>
 *   <li>{@code /proc/<pid>/exe} is a {@code postgres} (or {@code postmaster}) binary;</li>
 *   <li>{@code /proc/<pid>/cmdline} starts with that program and its {@code -D} is this directory (resolved
 *       against the process's working directory when relative, then canonical).</li>
 * </ol>
 * Anything else, a stale {@code postmaster.pid} whose pid now belongs to some other program included, is
 * {@link Finding.NotOurs} and is never signalled: PostgreSQL's own start-up checks deal with it. The process is
 * held as a {@link ProcessHandle}, which carries its start time, so a pid reused after it exits is not signalled
 * either. Linux only ({@code /proc}); elsewhere nothing is ever proven.
 */
public final class LeftoverPostmaster {

  private static final Set<String> POSTMASTER_PROGRAMS = Set.of("postgres", "postmaster");
  private static final String DELETED_SUFFIX = " (deleted)";
  private static final Duration SIGNAL_COMMAND_TIMEOUT = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 50;

  /** What a data directory's {@code postmaster.pid} turned out to name. */
  public sealed interface Finding {

    /** No {@code postmaster.pid}, or one whose process is gone: nothing runs on the directory. */
    record Nothing() implements Finding {}

    /** A live postmaster proven to be this directory's. */
    record Ours(LeftoverPostmaster postmaster) implements Finding {
      public Ours {
        Objects.requireNonNull(postmaster, "postmaster");
      }
    }

    /**
     * {@code postmaster.pid} names a live process that could not be proven to be this directory's postmaster;
     * it must be left alone.
     *
     * @param pid the pid in the file
     * @param reason why it is not ours, for a log line or an error message
     */
    record NotOurs(long pid, String reason) implements Finding {
      public NotOurs {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }

  /**
   * How a leftover postmaster was stopped.
   *
   * @param how the shutdown mode and signal, for the log
   * @param took from the first signal until the process had ended
   */
  public record Shutdown(String how, Duration took) {
    public Shutdown {
      Objects.requireNonNull(how, "how");
      Objects.requireNonNull(took, "took");
    }
  }

  private final ProcessHandle process;
  private final Path dataDirectory;
  private final Path executable;

  private LeftoverPostmaster(ProcessHandle process, Path dataDirectory, Path executable) {
    this.process = process;
    this.dataDirectory = dataDirectory;
    this.executable = executable;
  }

  /**
   * Looks at {@code postmaster.pid} in {@code dataDirectory} and proves, or fails to prove, that the process it
   * names is a postmaster of this directory.
   *
   * @param dataDirectory the cluster's directory, canonical ({@link Path#toRealPath})
   * @return what the file names
   */
  public static Finding find(Path dataDirectory) {
    Optional<PostmasterPidFile> pidFile = PostmasterPidFile.read(dataDirectory);
    if (pidFile.isEmpty()) {
      return new Finding.Nothing();
    }
    long pid = pidFile.get().pid();
    if (pid == ProcessHandle.current().pid()) {
      return new Finding.NotOurs(pid, "postmaster.pid names this JVM's own pid " + pid);
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(p -> p.isAlive() && !exited(pid));
    if (process.isEmpty()) {
      return new Finding.Nothing();
    }
    try {
      Optional<String> disproof = disproof(pidFile.get(), dataDirectory);
      if (disproof.isPresent()) {
        return new Finding.NotOurs(pid, disproof.get());
      }
      return new Finding.Ours(new LeftoverPostmaster(process.get(), dataDirectory, executable(pid)));
    } catch (IOException e) {
      return new Finding.NotOurs(pid, "process " + pid + " cannot be inspected through /proc (" + e + ")");
    }
  }

  private static Optional<String> disproof(PostmasterPidFile pidFile, Path dataDirectory) throws IOException {
    long pid = pidFile.pid();
    if (!sameDirectory(pidFile.dataDirectory(), dataDirectory)) {
      return Optional.of("postmaster.pid names pid " + pid + " on another data directory, " + pidFile.dataDirectory());
    }
    Path executable = executable(pid);
    if (!POSTMASTER_PROGRAMS.contains(String.valueOf(executable.getFileName()))) {
      return Optional.of("pid " + pid + " in postmaster.pid is not PostgreSQL but " + executable);
    }
    List<String> arguments = commandLine(pid);
    if (arguments.isEmpty() || !POSTMASTER_PROGRAMS.contains(String.valueOf(Path.of(arguments.get(0)).getFileName()))) {
      return Optional.of("pid " + pid + " in postmaster.pid runs " + String.join(" ", arguments));
    }
    Optional<String> dashD = dataDirectoryArgument(arguments);
    if (dashD.isEmpty()) {
      return Optional.of("pid " + pid + " in postmaster.pid runs PostgreSQL without -D: " + String.join(" ", arguments));
    }
    Path served = Path.of(dashD.get());
    if (!served.isAbsolute()) {
      served = Files.readSymbolicLink(proc(pid, "cwd")).resolve(served);
    }
    if (!sameDirectory(served, dataDirectory)) {
      return Optional.of("pid " + pid + " in postmaster.pid is a PostgreSQL serving " + served);
    }
    return Optional.empty();
  }

  /** The pid of the postmaster. */
  public long pid() {
    return process.pid();
  }

  /** The {@code postgres} binary it runs. */
  public Path executable() {
    return executable;
  }

  /**
   * Stops it the way {@code pg_ctl stop -m fast} would: SIGINT (fast shutdown: open sessions are ended, a
   * checkpoint is written, {@code postmaster.pid} removed), then waits for the process to end. Only when it has not
   * ended within {@code fastShutdownWait} does it escalate to SIGQUIT (immediate shutdown: crash recovery on the
   * next start, which is safe because every acknowledged commit is in the write-ahead log).
   *
   * <p>Java sends only SIGTERM and SIGKILL, so SIGINT and SIGQUIT are sent by {@code pg_ctl stop -m fast} and
   * {@code -m immediate} with the {@code pg_ctl} next to the running binary, which signal the pid in this
   * directory's {@code postmaster.pid}, the one proven to be ours. Where that does not work ({@code pg_ctl} deleted
   * with its directory, or refusing to run) SIGTERM is sent to the process instead: a smart shutdown, which waits for open sessions to end, and those of the process
   * that died are already closed, so it ends as promptly and as cleanly. Never SIGKILL.
   *
   * @return how it was stopped and how long it took for the process to end
   * @throws ConfigurationException {@code embedded_database.leftover_not_stopped} when it is still running after
   *     the waits
   */
  public Shutdown stop(Duration fastShutdownWait, Duration immediateShutdownWait) {
    long started = System.nanoTime();
    Optional<String> refused = pgCtlStop("fast");
    String how = "fast shutdown (SIGINT)";
    if (refused.isPresent()) {
      process.destroy();
      how = "smart shutdown (SIGTERM; " + refused.get() + ")";
    }
    if (awaitExit(fastShutdownWait)) {
      return new Shutdown(how, Duration.ofNanos(System.nanoTime() - started));
    }
    if (refused.isEmpty()) {
      refused = pgCtlStop("immediate");
      if (refused.isEmpty() && awaitExit(immediateShutdownWait)) {
        return new Shutdown("immediate shutdown (SIGQUIT) after " + fastShutdownWait.toSeconds() + " s of a fast one",
            Duration.ofNanos(System.nanoTime() - started));
      }
    }
    throw new ConfigurationException("embedded_database.leftover_not_stopped",
        "PostgreSQL pid " + pid() + " left running on " + dataDirectory + " by an earlier process did not stop within "
            + fastShutdownWait.toSeconds() + " s of a " + (refused.isEmpty() ? "fast shutdown (SIGINT) and an immediate one (SIGQUIT)"
                : "smart shutdown (SIGTERM; " + refused.get() + ")") + "; stop it, or end the sessions still open on it");
  }

  /**
   * Asks {@code pg_ctl} for a shutdown in {@code mode} without waiting for it (this class waits on the process).
   *
   * @return empty when the signal was sent (or the process has already ended), else why it could not be
   */
  private Optional<String> pgCtlStop(String mode) {
    if (!process.isAlive()) {
      return Optional.empty();
    }
    Path pgCtl = executable.resolveSibling("pg_ctl");
    if (!Files.isExecutable(pgCtl)) {
      return Optional.of(pgCtl + " is not there");
    }
    try {
      List<String> command = new ArrayList<>();
      if (LinuxUtils.isUnshareAvailable()) {
        // As the library runs its binaries when the JVM runs as root, which PostgreSQL's programs refuse.
        command.addAll(List.of("unshare", "-U"));
      }
      command.addAll(List.of(pgCtl.toString(), "stop", "-D", dataDirectory.toString(), "-m", mode, "-W"));
      Process stop = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!stop.waitFor(SIGNAL_COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        stop.destroyForcibly();
        return Optional.of("pg_ctl stop -m " + mode + " hung");
      }
      String output = new String(stop.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().replace('\n', ' ');
      return stop.exitValue() == 0 || !process.isAlive()
          ? Optional.empty()
          : Optional.of("pg_ctl stop -m " + mode + " failed: " + output);
    } catch (IOException e) {
      return Optional.of("cannot run " + pgCtl + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  private boolean awaitExit(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      if (!process.isAlive() || exited(pid())) {
        return true;
      }
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private static Path executable(long pid) throws IOException {
    String target = Files.readSymbolicLink(proc(pid, "exe")).toString();
    return Path.of(target.endsWith(DELETED_SUFFIX) ? target.substring(0, target.length() - DELETED_SUFFIX.length()) : target);
  }

  private static List<String> commandLine(long pid) throws IOException {
    String raw = new String(Files.readAllBytes(proc(pid, "cmdline")), StandardCharsets.UTF_8);
    List<String> arguments = new ArrayList<>();
    for (String argument : raw.split("\0")) {
      arguments.add(argument);
    }
    while (!arguments.isEmpty() && arguments.get(arguments.size() - 1).isEmpty()) {
      arguments.remove(arguments.size() - 1);
    }
    return arguments;
  }

  /** The value of {@code -D dir} or {@code -Ddir}; the last one wins, as in PostgreSQL's option parsing. */
  private static Optional<String> dataDirectoryArgument(List<String> arguments) {
    Optional<String> found = Optional.empty();
    for (int i = 1; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (argument.equals("-D") && i + 1 < arguments.size()) {
        found = Optional.of(arguments.get(++i));
      } else if (argument.startsWith("-D") && argument.length() > 2) {
        found = Optional.of(argument.substring(2));
      }
    }
    return found;
  }

  /** A zombie (ended, not yet reaped by its parent) or gone: either way it no longer runs. */
  private static boolean exited(long pid) {
    try {
      String stat = Files.readString(proc(pid, "stat"), StandardCharsets.UTF_8);
      int afterName = stat.lastIndexOf(')');
      char state = afterName >= 0 && afterName + 2 < stat.length() ? stat.charAt(afterName + 2) : '?';
      return state == 'Z' || state == 'X';
    } catch (IOException gone) {
      return true;
    }
  }

  private static boolean sameDirectory(Path candidate, Path canonical) {
    try {
      return candidate.toRealPath().equals(canonical);
    } catch (IOException | SecurityException notThere) {
      return false;
    }
  }

  private static Path proc(long pid, String entry) {
    return Path.of("/proc", Long.toString(pid), entry);
  }

  @Override
  public String toString() {
    return "PostgreSQL pid " + pid() + " (" + executable + ") on " + dataDirectory;
  }
}
