package dev.bizo.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersistenceModuleRegistrationTest {

  private static final PersistenceModule OUTBOX =
      new PersistenceModule("core", "classpath:db/migration/core", "flyway_history_core", List.of());

  @Test
  void cores_module_keeps_the_outbox_migrations_and_history_table_databases_already_have() {
    assertThat(TenancyDatabase.CORE_MODULE).isEqualTo(OUTBOX);
  }

  @Test
  void the_same_module_listed_by_two_sdk_modules_is_added_once() {
    assertThatCode(() -> TenancyDatabase.builder().module(OUTBOX).module(
            new PersistenceModule("core", "classpath:db/migration/core", "flyway_history_core", List.of())))
        .doesNotThrowAnyException();
  }

  @Test
  void a_different_module_under_a_taken_name_is_refused_naming_both() {
    PersistenceModule impostor = new PersistenceModule("core", "classpath:db/other", "flyway_history_other", List.of());

    assertThatThrownBy(() -> TenancyDatabase.builder().module(OUTBOX).module(impostor))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("classpath:db/migration/core")
        .hasMessageContaining("classpath:db/other");
  }

  @Test
  void a_different_module_sharing_a_history_table_is_refused() {
    PersistenceModule clash = new PersistenceModule("crm2", "classpath:db/crm2", "flyway_history_core", List.of());

    assertThatThrownBy(() -> TenancyDatabase.builder().module(OUTBOX).module(clash))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("flyway_history_core");
  }

  @Test
  void the_tenancy_module_cannot_be_added_again() {
    assertThatThrownBy(() -> TenancyDatabase.builder().module(PersistenceModule.of("tenancy")))
        .isInstanceOf(ConfigurationException.class);
  }
}
