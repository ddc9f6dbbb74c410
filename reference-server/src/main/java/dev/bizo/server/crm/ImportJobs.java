package dev.bizo.server.crm;

import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.crm.LeadService;
import dev.bizo.crm.importing.ImportFormat;
import dev.bizo.crm.importing.ImportMode;
import dev.bizo.crm.importing.ImportResult;
import dev.bizo.server.config.ServerState;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lead imports running in the background: the upload is spooled to {@code BIZO_DATA_DIR/imports} first, so the
 * request returns at once, then {@link LeadService#importFile} reads it in batches and reports progress here.
 * One import runs at a time; the rest wait their turn.
 */
@ApplicationScoped
public class ImportJobs {

  private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);
  private static final int BATCH_SIZE = 500;

  @Inject LeadService leads;
  @Inject ServerState state;
  @Inject Clock clock;

  private final Map<UUID, ImportJob> jobs = new ConcurrentHashMap<>();
  private ExecutorService executor;
  private Path spool;

  @PostConstruct
  void start() {
    executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "bizo-lead-import");
      t.setDaemon(true);
      return t;
    });
    spool = state.dataDir().resolve("imports");
  }

  /** Spools the upload and queues its import; returns the job at once. */
  public ImportJob submit(TenantId tenant, InputStream body, ImportFormat format, ImportMode mode) {
    UUID id = UUID.randomUUID();
    Path file = spool.resolve(id + (format == ImportFormat.CSV ? ".csv" : ".ndjson"));
    try {
      Files.createDirectories(spool);
      Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot spool the import", e);
    }
    ImportJob job = new ImportJob(id, tenant, format, mode, clock.instant());
    jobs.put(id, job);
    executor.submit(() -> run(job, file));
    return job;
  }

  /** The tenant's job; another tenant's is not found. */
  public ImportJob find(TenantId tenant, UUID id) {
    ImportJob job = jobs.get(id);
    if (job == null || !job.tenant().equals(tenant)) {
      throw NotFoundException.of("import", id);
    }
    return job;
  }

  private void run(ImportJob job, Path file) {
    job.running(clock.instant());
    try {
      ImportResult result = leads.importFile(job.tenant(), file, job.format(), job.mode(), BATCH_SIZE, job::progress);
      job.completed(result, clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("Import " + job.id() + " failed: " + e.getMessage(), e);
      job.failed(e, clock.instant());
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.warn("Could not delete the spooled import " + file + ": " + e.getMessage());
      }
    }
  }

  /** Lets a running import finish (up to 30 s) before anything it uses is closed. */
  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("A lead import was still running at shutdown; it can be resumed from its import record");
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
