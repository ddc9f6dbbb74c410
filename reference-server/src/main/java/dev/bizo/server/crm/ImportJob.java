package dev.bizo.server.crm;

import dev.bizo.core.BizoException;
import dev.bizo.core.TenantId;
import dev.bizo.crm.importing.ImportFormat;
import dev.bizo.crm.importing.ImportMode;
import dev.bizo.crm.importing.ImportResult;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** One background lead import and how far it got; updated by the import thread, read by requests. */
public final class ImportJob {

  /** Where an import stands. */
  public enum State {
    QUEUED, RUNNING, COMPLETED, FAILED
  }

  private final UUID id;
  private final TenantId tenant;
  private final ImportFormat format;
  private final ImportMode mode;
  private final Instant submittedAt;
  private volatile State state = State.QUEUED;
  private volatile long processed;
  private volatile long total;
  private volatile Instant startedAt;
  private volatile Instant finishedAt;
  private volatile ImportResult result;
  private volatile String failureCode;
  private volatile String failureMessage;

  ImportJob(UUID id, TenantId tenant, ImportFormat format, ImportMode mode, Instant submittedAt) {
    this.id = Objects.requireNonNull(id, "id");
    this.tenant = Objects.requireNonNull(tenant, "tenant");
    this.format = Objects.requireNonNull(format, "format");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.submittedAt = Objects.requireNonNull(submittedAt, "submittedAt");
  }

  void running(Instant at) {
    startedAt = at;
    state = State.RUNNING;
  }

  void progress(long processedRows, long totalRows) {
    processed = processedRows;
    total = totalRows;
  }

  void completed(ImportResult done, Instant at) {
    result = done;
    processed = done.report().total();
    total = done.report().total();
    finishedAt = at;
    state = State.COMPLETED;
  }

  void failed(RuntimeException e, Instant at) {
    failureCode = e instanceof BizoException ? ((BizoException) e).code() : "import.failed";
    failureMessage = e instanceof BizoException ? e.getMessage() : "The import failed; the details are in the server log";
    finishedAt = at;
    state = State.FAILED;
  }

  public UUID id() {
    return id;
  }

  public TenantId tenant() {
    return tenant;
  }

  public ImportFormat format() {
    return format;
  }

  public ImportMode mode() {
    return mode;
  }

  public Instant submittedAt() {
    return submittedAt;
  }

  public State state() {
    return state;
  }

  public long processed() {
    return processed;
  }

  public long total() {
    return total;
  }

  public Optional<Instant> startedAt() {
    return Optional.ofNullable(startedAt);
  }

  public Optional<Instant> finishedAt() {
    return Optional.ofNullable(finishedAt);
  }

  public Optional<ImportResult> result() {
    return Optional.ofNullable(result);
  }

  public Optional<String> failureCode() {
    return Optional.ofNullable(failureCode);
  }

  public Optional<String> failureMessage() {
    return Optional.ofNullable(failureMessage);
  }
}
