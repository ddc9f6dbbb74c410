package dev.bizo.crm.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.ValidationException.FieldError;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import dev.bizo.testkit.MutableClock;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeadImporterTest {

  private final TenantId tenant = TenantId.generate();
  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final LeadImporter importer = new LeadImporter(tenant, clock);

  @TempDir Path dir;

  private static final String CSV =
      "Name,Email,Company,Job Title,Company_Size,Source,Tags,attr.budget\n"
          + "Ada Lovelace,ADA@Example.com,\"Engines, Ltd\",CEO,120,referral,vip;math,5000\n" // row 1 ok
          + "Bad Email,not-an-email,Acme,,10,website,,\n" // row 2 bad email
          + "\"Grace \"\"Amazing\"\" Hopper\",grace@navy.example.org,\"Navy\nResearch\",Admiral,,event,,\n" // row 3 ok, multi-line
          + ",nobody@example.com,Acme,,,,,\n" // row 4 missing name
          + "Alan Turing,alan@example.com,Bletchley,,many,telepathy,,\n" // row 5 size + source
          + "Too,Few,Columns\n" // row 6 column count
          + "Linus,linus@example.com,,,,,,\n"; // row 7 ok

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void csv_with_good_and_bad_rows_gives_exact_counts_and_row_errors() throws IOException {
    List<Lead> imported = new ArrayList<>();
    List<long[]> progress = new ArrayList<>();
    ImportReport report =
        importer.importCsv(write("leads.csv", CSV), ImportMode.BEST_EFFORT, imported::add,
            (done, total) -> progress.add(new long[] {done, total}));

    assertThat(report.total()).isEqualTo(7);
    assertThat(report.imported()).isEqualTo(3);
    assertThat(report.rejected()).isEqualTo(4);
    assertThat(report.isComplete()).isFalse();
    assertThat(report.errors()).extracting(RowError::row).containsExactly(2L, 4L, 5L, 6L);
    assertThat(report.errors()).extracting(RowError::line).containsExactly(3L, 6L, 7L, 8L);
    assertThat(report.errors().get(0).errors()).extracting(FieldError::field, FieldError::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("email", "invalid_email"));
    assertThat(report.errors().get(1).errors()).extracting(FieldError::field).containsExactly("name");
    assertThat(report.errors().get(2).errors()).extracting(FieldError::code)
        .containsExactly("not_a_number", "unknown_source");
    assertThat(report.errors().get(3).errors()).extracting(FieldError::code).containsExactly("column_count");

    assertThat(imported).extracting(Lead::name)
        .containsExactly("Ada Lovelace", "Grace \"Amazing\" Hopper", "Linus");
    Lead ada = imported.get(0);
    assertThat(ada.email().orElseThrow().value()).isEqualTo("ada@example.com");
    assertThat(ada.company()).contains("Engines, Ltd");
    assertThat(ada.source()).isEqualTo(LeadSource.REFERRAL);
    assertThat(ada.companySize()).hasValue(120);
    assertThat(ada.tags()).containsExactly("math", "vip");
    assertThat(ada.attributes()).containsEntry("budget", "5000");
    assertThat(ada.tenantId()).isEqualTo(tenant);
    assertThat(imported.get(1).company()).contains("Navy\nResearch");

    assertThat(progress).hasSize(7);
    assertThat(progress.get(0)).containsExactly(1, 7);
    assertThat(progress.get(6)).containsExactly(7, 7);
  }

  @Test
  void all_or_nothing_imports_nothing_when_a_row_is_bad() throws IOException {
    List<Lead> imported = new ArrayList<>();
    ImportReport report =
        importer.importCsv(write("leads.csv", CSV), ImportMode.ALL_OR_NOTHING, imported::add,
            ImportProgressListener.NONE);
    assertThat(imported).isEmpty();
    assertThat(report.imported()).isZero();
    assertThat(report.rejected()).isEqualTo(4);
    assertThat(report.total()).isEqualTo(7);
    assertThat(report.mode()).isEqualTo(ImportMode.ALL_OR_NOTHING);
  }

  @Test
  void all_or_nothing_imports_everything_when_all_rows_are_good() throws IOException {
    List<Lead> imported = new ArrayList<>();
    ImportReport report =
        importer.importCsv(write("ok.csv", "name,email\nA,a@example.com\nB,b@example.com\n"),
            ImportMode.ALL_OR_NOTHING, imported::add, ImportProgressListener.NONE);
    assertThat(report.isComplete()).isTrue();
    assertThat(imported).extracting(Lead::name).containsExactly("A", "B");
  }

  @Test
  void a_bad_header_refuses_the_whole_file() throws IOException {
    Path file = write("bad.csv", "name,emial,shoe_size\nA,a@example.com,42\n");
    assertThatThrownBy(() -> importer.importCsv(file, ImportMode.BEST_EFFORT, l -> { }, ImportProgressListener.NONE))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.fieldErrors()).extracting(FieldError::code)
                .containsExactly("unknown_column", "unknown_column"));
    Path noName = write("noname.csv", "email\na@example.com\n");
    assertThatThrownBy(() -> importer.importCsv(noName, ImportMode.BEST_EFFORT, l -> { }, ImportProgressListener.NONE))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.fieldErrors().get(0).code()).isEqualTo("missing_column"));
  }

  @Test
  void ndjson_with_good_and_bad_lines_gives_exact_counts() throws IOException {
    String ndjson =
        "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"companySize\":12,\"tags\":[\"VIP\"],"
            + "\"attributes\":{\"plan\":\"gold\",\"seats\":3},\"source\":\"PARTNER\"}\n"
            + "\n"
            + "{\"name\":\"Broken\",\n"
            + "{\"name\":\"Bob\",\"favouriteColour\":\"blue\"}\n"
            + "[1,2]\n"
            + "{\"name\":\"Cy\",\"email\":\"cy@@example.com\",\"tags\":\"not-a-list\"}\n"
            + "{\"name\":\"Dee\",\"utmCampaign\":\"spring\",\"country\":\"de\"}\n";
    List<Lead> imported = new ArrayList<>();
    List<Long> totals = new ArrayList<>();
    ImportReport report =
        importer.importNdjson(write("leads.ndjson", ndjson), ImportMode.BEST_EFFORT, imported::add,
            (done, total) -> totals.add(total));
    assertThat(report.total()).isEqualTo(6);
    assertThat(report.imported()).isEqualTo(2);
    assertThat(report.rejected()).isEqualTo(4);
    assertThat(report.errors()).extracting(RowError::line).containsExactly(3L, 4L, 5L, 6L);
    assertThat(report.errors().get(0).errors()).extracting(FieldError::code).containsExactly("malformed_json");
    assertThat(report.errors().get(1).errors()).extracting(FieldError::field, FieldError::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("favouriteColour", "unknown_field"));
    assertThat(report.errors().get(2).errors()).extracting(FieldError::code).containsExactly("not_an_object");
    assertThat(report.errors().get(3).errors()).extracting(FieldError::code).containsExactly("not_an_array");
    assertThat(imported).extracting(Lead::name).containsExactly("Ada", "Dee");
    assertThat(imported.get(0).attributes()).containsEntry("seats", 3).containsEntry("plan", "gold");
    assertThat(imported.get(0).source()).isEqualTo(LeadSource.PARTNER);
    assertThat(imported.get(1).country()).contains("DE");
    assertThat(imported.get(1).utm().campaign()).isEqualTo("spring");
    assertThat(totals).containsOnly(6L).hasSize(6);
  }

  @Test
  void streams_of_unknown_length_report_minus_one_as_total() {
    List<Long> totals = new ArrayList<>();
    ImportReport report =
        importer.importCsv(new StringReader("name\nA\nB\n\"\"\n"), l -> { }, (done, total) -> totals.add(total));
    assertThat(report.imported()).isEqualTo(2);
    assertThat(report.rejected()).isEqualTo(1);
    assertThat(totals).containsExactly(-1L, -1L, -1L);
  }

  @Test
  void a_large_file_streams_with_exact_counts() throws IOException {
    Path file = dir.resolve("big.csv");
    try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("name,email,source\n");
      for (int i = 0; i < 20_000; i++) {
        w.write(i % 100 == 0 ? "Lead " + i + ",broken,website\n" : "Lead " + i + ",l" + i + "@example.com,website\n");
      }
    }
    long[] count = {0};
    ImportReport report = importer.importCsv(file, ImportMode.BEST_EFFORT, l -> count[0]++, ImportProgressListener.NONE);
    assertThat(report.total()).isEqualTo(20_000);
    assertThat(report.rejected()).isEqualTo(200);
    assertThat(count[0]).isEqualTo(19_800).isEqualTo(report.imported());
  }
}
