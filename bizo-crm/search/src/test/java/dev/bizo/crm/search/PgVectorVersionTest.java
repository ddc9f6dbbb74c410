package dev.bizo.crm.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgVectorVersionTest {

  @Test
  void accepts_pgvector_0_8_and_later() {
    assertThat(PgVectorPersistence.supported("0.8.0")).isTrue();
    assertThat(PgVectorPersistence.supported("0.8.1")).isTrue();
    assertThat(PgVectorPersistence.supported("0.10.0")).isTrue();
    assertThat(PgVectorPersistence.supported("1.0")).isTrue();
  }

  @Test
  void refuses_versions_without_iterative_scans_or_halfvec() {
    assertThat(PgVectorPersistence.supported("0.7.4")).isFalse();
    assertThat(PgVectorPersistence.supported("0.5.1")).isFalse();
    assertThat(PgVectorPersistence.supported("0.8")).isTrue();
    assertThat(PgVectorPersistence.supported("0.7.0-beta")).isFalse();
  }
}
