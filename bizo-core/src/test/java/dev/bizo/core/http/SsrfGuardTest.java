package dev.bizo.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ForbiddenException;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsrfGuardTest {

  private final SsrfGuard strict = SsrfGuard.strict();

  @ParameterizedTest
  @ValueSource(strings = {
      "http://127.0.0.1/", "http://127.1.2.3:8080/x", "http://10.0.0.7/", "http://172.16.4.1/",
      "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://[fe80::1]/",
      "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://0.0.0.0/", "http://100.64.0.1/",
      "http://224.0.0.1/", "http://localhost:8080/", "http://[::ffff:127.0.0.1]/",
      "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:0a00:0001::1]/", "http://[::10.0.0.1]/"})
  void refuses_internal_destinations(String url) {
    assertThatThrownBy(() -> strict.check(URI.create(url)))
        .isInstanceOf(ForbiddenException.class)
        .satisfies(e -> assertThat(((ForbiddenException) e).code()).isEqualTo(SsrfGuard.REFUSED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "ftp://example.com/", "gopher://93.184.215.14/", "jar:file:/x!/y"})
  void refuses_non_http_schemes(String url) {
    assertThatThrownBy(() -> strict.check(URI.create(url)))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("only http and https");
  }

  @Test
  void refuses_a_hostname_that_resolves_to_a_private_address() throws Exception {
    SsrfGuard guard = SsrfGuard.builder()
        .resolver(host -> new InetAddress[] {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.1.2.3")})
        .build();

    assertThatThrownBy(() -> guard.check(URI.create("https://rebind.example/")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("10.1.2.3");
  }

  @Test
  void allows_public_addresses() {
    assertThat(strict.check(URI.create("https://93.184.215.14/page"))).hasSize(1);
    assertThat(strict.permits(URI.create("http://[2606:4700:4700::1111]/"))).isTrue();
  }

  @Test
  void allows_an_allow_listed_loopback_host_only() {
    SsrfGuard guard = SsrfGuard.builder().allowHost("127.0.0.1").build();

    assertThat(guard.permits(URI.create("http://127.0.0.1:8089/hook"))).isTrue();
    assertThat(guard.permits(URI.create("http://localhost:8089/hook"))).isFalse();
    assertThat(guard.permits(URI.create("file:///etc/passwd"))).isFalse();
  }

  @Test
  void refuses_unresolvable_hosts() {
    assertThat(strict.permits(URI.create("http://no-such-host.invalid/"))).isFalse();
  }
}
