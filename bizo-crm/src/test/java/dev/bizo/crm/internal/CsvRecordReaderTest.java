package dev.bizo.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ValidationException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

  private static List<List<String>> read(String csv) {
    CsvRecordReader r = new CsvRecordReader(new StringReader(csv));
    List<List<String>> out = new ArrayList<>();
    while (r.next()) {
      out.add(r.fields());
    }
    return out;
  }

  @Test
  void reads_quoted_commas_escaped_quotes_and_embedded_line_breaks() {
    String csv = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line1\nline2\"\n,,\n";
    assertThat(read(csv))
        .containsExactly(
            List.of("a", "b", "c"),
            List.of("x, y", "say \"hi\"", "line1\nline2"),
            List.of("", "", ""));
  }

  @Test
  void skips_bom_and_blank_lines_and_tracks_start_lines() {
    CsvRecordReader r = new CsvRecordReader(new StringReader("\uFEFFh1,h2\n\n\"multi\r\nline\",2\rlast,3"));
    assertThat(r.next()).isTrue();
    assertThat(r.fields()).containsExactly("h1", "h2");
    assertThat(r.next()).isTrue();
    assertThat(r.recordLine()).isEqualTo(3);
    assertThat(r.fields()).containsExactly("multi\r\nline", "2");
    assertThat(r.next()).isTrue();
    assertThat(r.recordLine()).isEqualTo(5);
    assertThat(r.fields()).containsExactly("last", "3");
    assertThat(r.next()).isFalse();
  }

  @Test
  void refuses_an_unterminated_quote() {
    assertThatThrownBy(() -> read("a,b\n\"open,2\n"))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.fieldErrors().get(0).code()).isEqualTo("unterminated_quote"));
  }
}
