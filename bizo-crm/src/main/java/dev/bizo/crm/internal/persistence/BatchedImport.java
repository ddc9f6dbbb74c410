package dev.bizo.crm.internal.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bizo.core.ConflictException;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.ValidationException.FieldError;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.importing.ImportFormat;
import dev.bizo.crm.importing.ImportId;
import dev.bizo.crm.importing.ImportMode;
import dev.bizo.crm.importing.ImportProgressListener;
import dev.bizo.crm.importing.ImportReport;
import dev.bizo.crm.importing.ImportResult;
import dev.bizo.crm.importing.LeadImporter;
import dev.bizo.crm.importing.RowError;
import dev.bizo.tenancy.Transactions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Stores what {@link LeadImporter} streams: batches of rows, each committed with the import record's
 * processed count, so a crash loses at most the uncommitted batch and a resume skips exactly the
 * committed rows.
 */
public final class BatchedImport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BATCH = 10_000;

  private final Transactions tx;
  private final LeadStore store;

  public BatchedImport(Transactions tx, LeadStore store) {
    this.tx = tx;
    this.store = store;
  }

  public ImportResult start(
      TenantId tenant, Path file, ImportFormat format, ImportMode mode, int batchSize, ImportProgressListener progress) {
    if (batchSize < 1 || batchSize > MAX_BATCH) {
      throw ValidationException.ofField("batchSize", "out_of_range", "batch size must be 1-" + MAX_BATCH);
    }
    ImportId id = ImportId.generate();
    tx.inTenantJdbc(
        tenant,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "insert into crm_import (id, tenant_id, file_name, format, mode, batch_size, status, started_at, updated_at)"
                      + " values (?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?)")) {
            p.setObject(1, id.value());
            p.setObject(2, tenant.value());
            p.setString(3, String.valueOf(file.getFileName()));
            p.setString(4, format.name());
            p.setString(5, mode.name());
            p.setInt(6, batchSize);
            p.setObject(7, LeadRows.ts(store.clock().instant()));
            p.setObject(8, LeadRows.ts(store.clock().instant()));
            p.executeUpdate();
          }
          return null;
        });
    return run(tenant, id, file, format, mode, batchSize, 0, progress);
  }

  public ImportResult resume(TenantId tenant, ImportId id, Path file, ImportProgressListener progress) {
    Object[] record =
        tx.inTenantJdbc(
            tenant,
            c -> {
              try (PreparedStatement p =
                  c.prepareStatement("select format, mode, batch_size, status, processed from crm_import where id = ?")) {
                p.setObject(1, id.value());
                try (ResultSet rs = p.executeQuery()) {
                  if (!rs.next()) {
                    throw NotFoundException.of("import", id.toString());
                  }
                  return new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5)};
                }
              }
            });
    if (record[3].equals("COMPLETED")) {
      throw new ConflictException("import.already_completed", "import " + id + " already completed");
    }
    ImportMode mode = ImportMode.valueOf((String) record[1]);
    long skip = mode == ImportMode.ALL_OR_NOTHING ? 0 : (Long) record[4];
    return run(tenant, id, file, ImportFormat.valueOf((String) record[0]), mode, (Integer) record[2], skip, progress);
  }

  private ImportResult run(
      TenantId tenant, ImportId id, Path file, ImportFormat format, ImportMode mode, int batchSize, long skip,
      ImportProgressListener progress) {
    try {
      ImportReport report =
          mode == ImportMode.ALL_OR_NOTHING
              ? allOrNothing(tenant, id, file, format, progress)
              : batched(tenant, id, file, format, batchSize, skip, progress);
      finish(tenant, id, "COMPLETED", report);
      return new ImportResult(id, report);
    } catch (RuntimeException e) {
      try {
        tx.inTenantJdbc(tenant, c -> setStatus(c, id, "FAILED"));
      } catch (RuntimeException recordFailure) {
        e.addSuppressed(recordFailure);
      }
      throw e;
    }
  }

  private ImportReport batched(
      TenantId tenant, ImportId id, Path file, ImportFormat format, int batchSize, long skip,
      ImportProgressListener progress) {
    Batch batch = new Batch(tenant, id, batchSize, skip);
    ImportReport read =
        read(
            new LeadImporter(tenant, store.clock()), format, file, ImportMode.BEST_EFFORT, batch::accept,
            (processed, total) -> {
              batch.rowDone(processed);
              progress.onProgress(processed, total);
            });
    batch.flush(read.total());
    List<RowError> writeErrors = tx.inTenantJdbc(tenant, c -> writeErrors(c, id));
    List<RowError> errors = new ArrayList<>(read.errors());
    errors.addAll(writeErrors);
    errors.sort(Comparator.comparingLong(RowError::row));
    return new ImportReport(
        read.total(),
        read.imported() - writeErrors.size(),
        read.rejected() + writeErrors.size(),
        errors.subList(0, Math.min(errors.size(), LeadImporter.MAX_REPORTED_ERRORS)),
        ImportMode.BEST_EFFORT);
  }

  private ImportReport allOrNothing(TenantId tenant, ImportId id, Path file, ImportFormat format, ImportProgressListener progress) {
    List<RowError> duplicates = new ArrayList<>();
    try {
      return tx.inTenantJdbc(
          tenant,
          c -> {
            LeadStore.TenantScoring scorer = store.scoring(c);
            long[] row = {0};
            ImportReport read;
            try {
              read =
                  read(
                      new LeadImporter(tenant, store.clock()), format, file, ImportMode.ALL_OR_NOTHING,
                      lead -> {
                        row[0]++;
                        write(c, lead, scorer, row[0], id).ifPresent(duplicates::add);
                      },
                      progress);
            } catch (SqlFailure e) {
              throw e.getCause();
            }
            if (!duplicates.isEmpty()) {
              throw new Rejected(read.total());
            }
            return read;
          });
    } catch (Rejected e) {
      return new ImportReport(e.total, 0, duplicates.size(), duplicates, ImportMode.ALL_OR_NOTHING);
    }
  }

  private Optional<RowError> write(Connection c, Lead lead, LeadStore.TenantScoring scorer, long row, ImportId importId) {
    try {
      Optional<LeadId> existing = store.insertNew(c, lead, scorer, importId.value(), false).existing();
      return existing.map(
          holder ->
              new RowError(
                  row, 0, List.of(new FieldError("email", LeadStore.DUPLICATE_EMAIL, LeadStore.duplicate(lead, holder).getMessage()))));
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  private static ImportReport read(
      LeadImporter importer, ImportFormat format, Path file, ImportMode mode, Consumer<Lead> sink,
      ImportProgressListener progress) {
    return format == ImportFormat.CSV
        ? importer.importCsv(file, mode, sink, progress)
        : importer.importNdjson(file, mode, sink, progress);
  }

  private void finish(TenantId tenant, ImportId id, String status, ImportReport report) {
    tx.inTenantJdbc(
        tenant,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "update crm_import set status = ?, total = ?, processed = ?, imported = ?, rejected = ?,"
                      + " errors = cast(? as jsonb), updated_at = ? where id = ?")) {
            p.setString(1, status);
            p.setLong(2, report.total());
            p.setLong(3, report.total());
            p.setLong(4, report.imported());
            p.setLong(5, report.rejected());
            p.setString(6, LeadRows.json(toJson(report.errors())));
            p.setObject(7, LeadRows.ts(store.clock().instant()));
            p.setObject(8, id.value());
            p.executeUpdate();
          }
          return null;
        });
  }

  private Void setStatus(Connection c, ImportId id, String status) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("update crm_import set status = ?, updated_at = ? where id = ?")) {
      p.setString(1, status);
      p.setObject(2, LeadRows.ts(store.clock().instant()));
      p.setObject(3, id.value());
      p.executeUpdate();
    }
    return null;
  }

  private static List<RowError> writeErrors(Connection c, ImportId id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("select write_errors from crm_import where id = ?")) {
      p.setObject(1, id.value());
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        List<Map<String, Object>> rows = JSON.readValue(rs.getString(1), new TypeReference<List<Map<String, Object>>>() {});
        List<RowError> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
          out.add(
              new RowError(
                  ((Number) r.get("row")).longValue(),
                  0,
                  List.of(new FieldError((String) r.get("field"), (String) r.get("code"), (String) r.get("message")))));
        }
        return out;
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Stored import errors no longer parse", e);
      }
    }
  }

  private static List<Map<String, Object>> toJson(List<RowError> errors) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (RowError e : errors) {
      for (FieldError f : e.errors()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("row", e.row());
        m.put("line", e.line());
        m.put("field", f.field());
        m.put("code", f.code());
        m.put("message", f.message());
        out.add(m);
      }
    }
    return out;
  }

  /** Rows buffered since the last committed batch. */
  private final class Batch {
    private final TenantId tenant;
    private final ImportId id;
    private final int size;
    private final List<Lead> leads = new ArrayList<>();
    private final List<Long> rows = new ArrayList<>();
    private long committed;
    private long lastDone;

    Batch(TenantId tenant, ImportId id, int size, long skip) {
      this.tenant = tenant;
      this.id = id;
      this.size = size;
      this.committed = skip;
    }

    void accept(Lead lead) {
      long row = lastDone + 1;
      if (row > committed) {
        leads.add(lead);
        rows.add(row);
      }
    }

    void rowDone(long processed) {
      lastDone = processed;
      if (processed > committed && processed % size == 0) {
        flush(processed);
      }
    }

    void flush(long upTo) {
      if (upTo <= committed) {
        return;
      }
      tx.inTenantJdbc(
          tenant,
          c -> {
            LeadStore.TenantScoring scorer = store.scoring(c);
            List<Map<String, Object>> errors = new ArrayList<>();
            long stored = 0;
            for (int i = 0; i < leads.size(); i++) {
              Optional<RowError> error = write(c, leads.get(i), scorer, rows.get(i), id);
              if (error.isPresent()) {
                errors.addAll(toJson(List.of(error.get())));
              } else {
                stored++;
              }
            }
            try (PreparedStatement p =
                c.prepareStatement(
                    "update crm_import set processed = ?, imported = imported + ?, rejected = ? - (imported + ?),"
                        + " write_errors = write_errors || cast(? as jsonb), updated_at = ? where id = ?")) {
              p.setLong(1, upTo);
              p.setLong(2, stored);
              p.setLong(3, upTo);
              p.setLong(4, stored);
              p.setString(5, LeadRows.json(errors));
              p.setObject(6, LeadRows.ts(store.clock().instant()));
              p.setObject(7, id.value());
              p.executeUpdate();
            }
            return null;
          });
      leads.clear();
      rows.clear();
      committed = upTo;
    }
  }

  /** Carries a SQLException out of the importer's sink. */
  private static final class SqlFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SqlFailure(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  /** Rolls back an all-or-nothing import that hit a taken e-mail address. */
  private static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long total;

    Rejected(long total) {
      super("all-or-nothing import refused", null, false, false);
      this.total = total;
    }
  }
}
