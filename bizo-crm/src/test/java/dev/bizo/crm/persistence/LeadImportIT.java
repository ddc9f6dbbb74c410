package dev.bizo.crm.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConflictException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException.FieldError;
import dev.bizo.crm.Lead;
import dev.bizo.crm.importing.ImportFormat;
import dev.bizo.crm.importing.ImportMode;
import dev.bizo.crm.importing.ImportProgressListener;
import dev.bizo.crm.importing.ImportReport;
import dev.bizo.crm.importing.ImportResult;
import dev.bizo.crm.importing.RowError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeadImportIT extends CrmDatabase {

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  /** 12 rows: 3 invalid (rows 3, 7, 10), row 9 repeats row 1's e-mail, row 12 has the pre-existing one. */
  private static final String MIXED_CSV =
      "name,email,company,source\n"
          + "Ada,ada@imp.test,Engines,WEBSITE\n"
          + "Grace,grace@imp.test,Navy,REFERRAL\n"
          + ",nobody@imp.test,,WEBSITE\n"
          + "Alan,alan@imp.test,,EVENT\n"
          + "Hedy,hedy@imp.test,,OTHER\n"
          + "Linus,linus@imp.test,Kernel,PARTNER\n"
          + "Bad Mail,not-an-email,,WEBSITE\n"
          + "Katherine,kj@imp.test,NASA,EMAIL\n"
          + "Ada Again,ADA@imp.test,,WEBSITE\n"
          + "Bad Source,bs@imp.test,,CARRIER_PIGEON\n"
          + "Barbara,barbara@imp.test,,WEBSITE\n"
          + "Existing,existing@imp.test,,WEBSITE\n";

  @Test
  void a_file_mixing_good_and_bad_rows_keeps_the_good_ones_and_reports_the_rest_exactly() throws IOException {
    TenantId t = newTenant();
    leads.create(t, Lead.builder(t, clock).name("Already here").email("existing@imp.test").build());
    AtomicLong lastProcessed = new AtomicLong();
    AtomicLong lastTotal = new AtomicLong();
    ImportProgressListener progress =
        (processed, total) -> {
          lastProcessed.set(processed);
          lastTotal.set(total);
        };

    ImportResult result = leads.importFile(t, write("mixed.csv", MIXED_CSV), ImportFormat.CSV, ImportMode.BEST_EFFORT, 4, progress);

    ImportReport report = result.report();
    assertThat(report.total()).isEqualTo(12);
    assertThat(report.imported()).isEqualTo(7);
    assertThat(report.rejected()).isEqualTo(5);
    assertThat(report.errors()).extracting(RowError::row).containsExactly(3L, 7L, 9L, 10L, 12L);
    assertThat(report.errors().get(2).errors()).extracting(FieldError::code).containsExactly("lead.duplicate_email");
    assertThat(lastProcessed.get()).isEqualTo(12);
    assertThat(lastTotal.get()).isEqualTo(12);
    assertThat(count(t, "crm_lead", "true")).isEqualTo(8);
    assertThat(count(t, "crm_lead", "import_id = ?", result.id().value())).isEqualTo(7);
    assertThat(count(t, "crm_score_history", "cause = 'lead.created'")).isEqualTo(8);
    assertThat(count(t, "bizo_outbox", "event_type = 'lead.created'")).isEqualTo(8);
    assertThat(count(t, "crm_import", "id = ? and status = 'COMPLETED' and processed = 12 and imported = 7 and rejected = 5",
        result.id().value())).isEqualTo(1);
  }

  @Test
  void all_or_nothing_writes_nothing_when_one_row_is_bad() throws IOException {
    TenantId t = newTenant();
    ImportResult result =
        leads.importFile(t, write("aon.csv", MIXED_CSV), ImportFormat.CSV, ImportMode.ALL_OR_NOTHING, 4, ImportProgressListener.NONE);
    assertThat(result.report().imported()).isZero();
    assertThat(result.report().rejected()).isEqualTo(3);
    assertThat(count(t, "crm_lead", "true")).isZero();
    assertThat(count(t, "bizo_outbox", "true")).isZero();
  }

  @Test
  void all_or_nothing_writes_nothing_when_an_email_is_taken_and_everything_when_all_rows_are_good() throws IOException {
    TenantId t = newTenant();
    leads.create(t, Lead.builder(t, clock).name("Already here").email("taken@imp.test").build());
    String good = "name,email\nA,a@imp.test\nB,b@imp.test\nC,c@imp.test\n";

    ImportResult refused =
        leads.importFile(t, write("taken.csv", good + "D,TAKEN@imp.test\n"), ImportFormat.CSV, ImportMode.ALL_OR_NOTHING, 2,
            ImportProgressListener.NONE);
    assertThat(refused.report().imported()).isZero();
    assertThat(refused.report().errors()).singleElement().satisfies(e -> assertThat(e.row()).isEqualTo(4));
    assertThat(count(t, "crm_lead", "true")).isEqualTo(1);
    // rows 1-3 and their events were written before row 4 failed, then rolled back together
    assertThat(count(t, "bizo_outbox", "event_type = 'lead.created'")).isEqualTo(1);
    assertThat(count(t, "crm_score_history", "true")).isEqualTo(1);

    ImportResult accepted =
        leads.importFile(t, write("good.csv", good), ImportFormat.CSV, ImportMode.ALL_OR_NOTHING, 2, ImportProgressListener.NONE);
    assertThat(accepted.report().imported()).isEqualTo(3);
    assertThat(accepted.report().isComplete()).isTrue();
    assertThat(count(t, "crm_lead", "true")).isEqualTo(4);
  }

  @Test
  void a_crash_keeps_only_whole_batches_and_resume_continues_after_the_last_one() throws IOException {
    TenantId t = newTenant();
    StringBuilder ndjson = new StringBuilder();
    List<Integer> bad = List.of(4, 13, 22, 28);
    for (int row = 1; row <= 30; row++) {
      if (bad.contains(row)) {
        ndjson.append("{\"name\":\"Bad ").append(row).append("\",\"email\":\"broken\"}\n");
      } else {
        ndjson.append("{\"name\":\"Row ").append(row).append("\",\"email\":\"row").append(row).append("@crash.test\",\"tags\":[\"imported\"]}\n");
      }
    }
    Path file = write("crash.ndjson", ndjson.toString());
    List<ImportResult> started = new ArrayList<>();

    assertThatThrownBy(
            () ->
                started.add(
                    leads.importFile(t, file, ImportFormat.NDJSON, ImportMode.BEST_EFFORT, 10,
                        (processed, total) -> {
                          if (processed == 25) {
                            throw new IllegalStateException("simulated crash after row 25");
                          }
                        })))
        .hasMessageContaining("simulated crash");
    assertThat(started).isEmpty();
    // rows 1..20 were committed in two batches; rows 21..25 were not
    assertThat(count(t, "crm_lead", "true")).isEqualTo(18);
    assertThat(count(t, "crm_import", "processed = 20 and status = 'FAILED'")).isEqualTo(1);
    java.util.UUID importId =
        database.transactions().inTenantJdbc(t, c -> {
          try (var rs = c.createStatement().executeQuery("select id from crm_import")) {
            rs.next();
            return (java.util.UUID) rs.getObject(1);
          }
        });

    ImportResult resumed =
        leads.resumeImport(t, new dev.bizo.crm.importing.ImportId(importId), file, ImportProgressListener.NONE);

    assertThat(resumed.report().total()).isEqualTo(30);
    assertThat(resumed.report().imported()).isEqualTo(26);
    assertThat(resumed.report().rejected()).isEqualTo(4);
    assertThat(resumed.report().errors()).extracting(RowError::row).containsExactly(4L, 13L, 22L, 28L);
    assertThat(count(t, "crm_lead", "true")).isEqualTo(26);
    assertThat(count(t, "crm_lead", "'imported' = any (tags)")).isEqualTo(26);
    List<Long> perEmail =
        database.transactions().inTenantJdbc(t, c -> {
          List<Long> out = new ArrayList<>();
          try (var rs = c.createStatement().executeQuery("select count(*) from crm_lead group by lower(email)")) {
            while (rs.next()) {
              out.add(rs.getLong(1));
            }
          }
          return out;
        });
    assertThat(perEmail.stream().distinct().collect(Collectors.toList())).containsExactly(1L);
    assertThatThrownBy(() -> leads.resumeImport(t, resumed.id(), file, ImportProgressListener.NONE))
        .isInstanceOf(ConflictException.class);
  }
}
