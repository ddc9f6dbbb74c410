package dev.bizo.server.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class RequestSizeLimitTest {

  @Test
  void reads_a_body_of_exactly_the_limit() throws Exception {
    InputStream counted = new RequestSizeLimit.CountingStream(new ByteArrayInputStream(new byte[100]), 100);

    assertThat(counted.readAllBytes()).hasSize(100);
  }

  @Test
  void fails_the_read_that_crosses_the_limit() {
    InputStream counted = new RequestSizeLimit.CountingStream(new ByteArrayInputStream(new byte[101]), 100);

    assertThatThrownBy(counted::readAllBytes)
        .isInstanceOf(RequestTooLargeException.class)
        .hasMessageContaining("100 bytes");
  }

  @Test
  void counts_single_byte_reads_too() throws Exception {
    InputStream counted = new RequestSizeLimit.CountingStream(new ByteArrayInputStream(new byte[3]), 2);

    assertThat(counted.read()).isZero();
    assertThat(counted.read()).isZero();
    assertThatThrownBy(counted::read).isInstanceOf(RequestTooLargeException.class);
  }

  @Test
  void counts_skipped_bytes() {
    InputStream counted = new RequestSizeLimit.CountingStream(new ByteArrayInputStream(new byte[10]), 5);

    assertThatThrownBy(() -> counted.skip(10)).isInstanceOf(RequestTooLargeException.class);
  }

  @Test
  void only_the_lead_import_takes_the_larger_import_limit() {
    assertThat(RequestSizeLimit.limitFor("POST", "/leads/import")).isEqualTo(RequestSizeLimit.MAX_IMPORT_BYTES);
    assertThat(RequestSizeLimit.limitFor("POST", "/leads/import/")).isEqualTo(RequestSizeLimit.MAX_IMPORT_BYTES);
    assertThat(RequestSizeLimit.limitFor("POST", "/leads")).isEqualTo(RequestSizeLimit.MAX_BYTES);
    assertThat(RequestSizeLimit.limitFor("PUT", "/leads/import")).isEqualTo(RequestSizeLimit.MAX_BYTES);
    assertThat(RequestSizeLimit.limitFor("POST", "/leads/import-other")).isEqualTo(RequestSizeLimit.MAX_BYTES);
  }
}
