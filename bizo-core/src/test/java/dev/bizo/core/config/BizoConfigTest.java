package dev.bizo.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BizoConfigTest {

  private static final Setting<Integer> PORT = Setting.integer("bizo.http.port").defaultValue(8080).build();
  private static final Setting<String> MASTER_KEY = Setting.string("bizo.master.key").secret().build();

  enum Mode { OFFLINE, ONLINE }

  @Test
  void reads_explicit_then_system_property_then_environment() {
    Map<String, String> props = Map.of("bizo.http.port", "9090");
    Map<String, String> env = Map.of("BIZO_HTTP_PORT", "7070", "BIZO_CACHE_TTL", "30s");
    BizoConfig fromEnv = BizoConfig.builder().systemProperties(k -> null).environment(env::get).build();
    BizoConfig fromProps = BizoConfig.builder().systemProperties(props::get).environment(env::get).build();
    BizoConfig explicit = BizoConfig.builder().put("bizo.http.port", "6060").systemProperties(props::get).environment(env::get).build();
    assertThat(fromEnv.require(PORT)).isEqualTo(7070);
    assertThat(fromEnv.require(CoreSettings.CACHE_TTL)).isEqualTo(Duration.ofSeconds(30));
    assertThat(fromProps.require(PORT)).isEqualTo(9090);
    assertThat(explicit.require(PORT)).isEqualTo(6060);
  }

  @Test
  void falls_back_to_defaults_and_treats_blank_as_absent() {
    BizoConfig config = BizoConfig.of(Map.of("bizo.http.port", "  "));
    assertThat(config.require(PORT)).isEqualTo(8080);
    assertThat(config.find(CoreSettings.REDIS_URL)).isEmpty();
  }

  @Test
  void bad_values_name_the_variable_and_the_expected_type() {
    BizoConfig config = BizoConfig.of(Map.of("bizo.http.port", "eighty"));
    assertThatThrownBy(() -> config.require(PORT))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("BIZO_HTTP_PORT")
        .hasMessageContaining("'eighty'")
        .hasMessageContaining("whole number");
  }

  @Test
  void secret_values_are_never_echoed() {
    Setting<Integer> secretNumber = Setting.integer("bizo.secret.pin").secret().build();
    BizoConfig config = BizoConfig.of(Map.of("bizo.secret.pin", "hunter2"));
    assertThatThrownBy(() -> config.require(secretNumber))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("<redacted>")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void missing_required_settings_fail_clearly() {
    assertThatThrownBy(() -> BizoConfig.of(Map.of()).require(MASTER_KEY))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("BIZO_MASTER_KEY")
        .extracting(e -> ((ConfigurationException) e).code())
        .isEqualTo("configuration_missing");
  }

  @Test
  void parses_durations_uris_booleans_and_enums() {
    Setting<Boolean> flag = Setting.bool("bizo.some.flag").build();
    Setting<Mode> mode = Setting.enumeration("bizo.agent.mode", Mode.class).build();
    BizoConfig config =
        BizoConfig.of(
            Map.of(
                "bizo.cache.ttl", "PT2H",
                "bizo.redis.url", "redis://cache:6379/1",
                "bizo.some.flag", "TRUE",
                "bizo.agent.mode", "offline"));
    assertThat(config.require(CoreSettings.CACHE_TTL)).isEqualTo(Duration.ofHours(2));
    assertThat(config.require(CoreSettings.REDIS_URL)).isEqualTo(URI.create("redis://cache:6379/1"));
    assertThat(config.require(flag)).isTrue();
    assertThat(config.require(mode)).isEqualTo(Mode.OFFLINE);
    assertThat(Setting.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Setting.parseDuration("1d")).isEqualTo(Duration.ofDays(1));
    assertThatThrownBy(() -> BizoConfig.of(Map.of("bizo.some.flag", "yes")).require(flag))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> BizoConfig.of(Map.of("bizo.redis.url", "not a uri")).require(CoreSettings.REDIS_URL))
        .isInstanceOf(ConfigurationException.class);
  }
}
