package dev.bizo.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorHierarchyTest {

  @Test
  void every_branch_has_a_stable_code_and_retriability() {
    assertThat(new NotFoundException("x").code()).isEqualTo("not_found");
    assertThat(NotFoundException.of("lead", "42").code()).isEqualTo("lead.not_found");
    assertThat(new ConflictException("x").code()).isEqualTo("conflict");
    assertThat(new ForbiddenException("x").code()).isEqualTo("forbidden");
    assertThat(new UnsupportedFeatureException("x").code()).isEqualTo("unsupported_feature");
    assertThat(new ValidationException("x").code()).isEqualTo("validation_failed");
    assertThat(new NotFoundException("x").isRetriable()).isFalse();
    assertThat(new RetriableException("gateway.timeout", "slow").isRetriable()).isTrue();
    assertThat(new ConflictException("x")).isInstanceOf(NonRetriableException.class).isInstanceOf(BizoException.class);
  }

  @Test
  void rejects_malformed_codes() {
    assertThatThrownBy(() -> new ConflictException("Not A Code", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConflictException("trailing.", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void validation_errors_list_every_field_in_order() {
    ValidationException e =
        new ValidationException(
            List.of(
                new ValidationException.FieldError("email", "malformed", "not an email"),
                new ValidationException.FieldError("amount", "negative", "must be positive")));
    assertThat(e.fieldErrors()).extracting(ValidationException.FieldError::field).containsExactly("email", "amount");
    assertThat(e.getMessage()).isEqualTo("email: not an email; amount: must be positive");
  }
}
