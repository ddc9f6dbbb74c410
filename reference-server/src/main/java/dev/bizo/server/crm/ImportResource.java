package dev.bizo.server.crm;

import dev.bizo.crm.importing.ImportReport;
import dev.bizo.crm.importing.RowError;
import dev.bizo.server.BizoApplication;
import dev.bizo.server.auth.Caller;
import dev.bizo.server.auth.InCallerTenant;
import dev.bizo.server.auth.Requires;
import dev.bizo.tenancy.Permission;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Progress and outcome of the caller's lead imports. */
@Path("/imports")
@RequestScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class ImportResource {

  /**
   * A rejected row.
   *
   * @param row the row number (1 = first data row)
   * @param line the line in the file
   * @param errors field and code of each problem, e.g. {@code email: invalid}
   */
  public record RowErrorView(long row, long line, List<String> errors) {
    static RowErrorView of(RowError e) {
      return new RowErrorView(e.row(), e.line(), e.errors().stream().map(f -> f.field() + ": " + f.code()).toList());
    }
  }

  /**
   * An import job.
   *
   * @param id the job id
   * @param state {@code QUEUED}, {@code RUNNING}, {@code COMPLETED} or {@code FAILED}
   * @param format {@code CSV} or {@code NDJSON}
   * @param mode {@code BEST_EFFORT} or {@code ALL_OR_NOTHING}
   * @param processed rows read so far
   * @param total rows in the file, once known
   * @param imported leads created (when completed)
   * @param rejected rows refused (when completed)
   * @param errors the refused rows (up to 1000)
   * @param submittedAt when it was accepted
   * @param finishedAt when it completed or failed
   * @param failureCode why it failed
   * @param failureMessage why it failed, in words
   */
  public record ImportView(
      String id, String state, String format, String mode, long processed, long total, Long imported, Long rejected,
      List<RowErrorView> errors, String submittedAt, String finishedAt, String failureCode, String failureMessage) {
    static ImportView of(ImportJob job) {
      ImportReport report = job.result().map(r -> r.report()).orElse(null);
      return new ImportView(
          job.id().toString(), job.state().name(), job.format().name(), job.mode().name(), job.processed(), job.total(),
          report == null ? null : report.imported(), report == null ? null : report.rejected(),
          report == null ? List.of() : report.errors().stream().map(RowErrorView::of).toList(),
          job.submittedAt().toString(), job.finishedAt().map(Instant::toString).orElse(null),
          job.failureCode().orElse(null), job.failureMessage().orElse(null));
    }
  }

  @Inject Caller caller;
  @Inject ImportJobs imports;

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "An import job: state, rows processed of total, imported and rejected counts, row errors")
  @Requires(Permission.DATA_READ)
  public ImportView get(@PathParam("id") String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw dev.bizo.core.NotFoundException.of("import", id);
    }
    return ImportView.of(imports.find(caller.tenant(), uuid));
  }
}
