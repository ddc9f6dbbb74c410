package dev.bizo.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A capability whose artifact is absent fails at once with an error that names the artifact to add. */
class ClassPathGuardTest {

  @Test
  void a_missing_artifact_is_named_in_a_configuration_error() {
    assertThatThrownBy(() -> ClassPathGuard.requirePresent(
            "CRM", "bizo-crm", "dev.bizo.crm.NoSuchLeadService", getClass().getClassLoader()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("dev.bizo:bizo-crm")
        .hasMessageContaining("dev.bizo.crm.NoSuchLeadService")
        .extracting(e -> ((ConfigurationException) e).code()).isEqualTo(ClassPathGuard.MISSING);
  }

  @ParameterizedTest
  @EnumSource(Capability.class)
  void every_capability_is_found_when_its_artifact_is_on_the_class_path(Capability capability) {
    assertThatCode(() -> ClassPathGuard.require(capability)).doesNotThrowAnyException();
  }

  @Test
  void a_builder_without_a_database_refuses_to_start() {
    assertThatThrownBy(() -> Bizo.builder().start()).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("database(url, owner, app) or embedded(dir)");
  }

  @Test
  void a_sign_up_never_prints_the_password() {
    assertThat(SignUp.of("Acme", "acme", "owner@acme.example", "s3cret-passphrase").toString()).doesNotContain("s3cret");
  }
}
