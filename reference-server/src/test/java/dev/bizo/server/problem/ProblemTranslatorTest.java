package dev.bizo.server.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.ConflictException;
import dev.bizo.core.ForbiddenException;
import dev.bizo.core.NonRetriableException;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.RetriableException;
import dev.bizo.core.UnsupportedFeatureException;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.search.ModelLoadingException;
import dev.bizo.ratelimit.RateLimitDecision;
import dev.bizo.ratelimit.RateLimitScope;
import dev.bizo.ratelimit.RateLimitedException;
import dev.bizo.tenancy.auth.AuthService;
import dev.bizo.tenancy.auth.AuthenticationException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProblemTranslatorTest {

  private static final String PATH = "/api/v1/things";

  private final ProblemTranslator translator = new ProblemTranslator();

  @Test
  void not_found_is_404_with_its_code() {
    Problem problem = translator.translate(NotFoundException.of("lead", UUID.randomUUID()), PATH);

    assertThat(problem.status()).isEqualTo(404);
    assertThat(problem.code()).isEqualTo(NotFoundException.of("lead", UUID.randomUUID()).code());
    assertThat(problem.instance()).isEqualTo(PATH);
    assertThat(problem.type()).isEqualTo("urn:bizo:problem:" + problem.code());
  }

  @Test
  void a_refused_credential_is_401_with_the_auth_code() {
    Problem problem = translator.translate(new AuthenticationException(AuthenticationException.TOKEN_EXPIRED, "expired"), PATH);

    assertThat(problem.status()).isEqualTo(401);
    assertThat(problem.code()).isEqualTo("auth.token_expired");
  }

  @Test
  void a_client_address_over_its_login_failure_limit_is_429() {
    Problem problem = translator.translate(new RetriableException(AuthService.TOO_MANY_ATTEMPTS, "slow down"), PATH);

    assertThat(problem.status()).isEqualTo(429);
    assertThat(problem.code()).isEqualTo("auth.too_many_attempts");
    assertThat(problem.title()).isEqualTo("Too Many Requests");
  }

  @Test
  void a_credential_over_its_request_limit_is_429_rate_limited_with_when_to_retry() {
    RateLimitedException limited = new RateLimitedException(new RateLimitDecision(
        RateLimitScope.CREDENTIAL, 5, 0, Duration.ofSeconds(60), Optional.of(Duration.ofMillis(11_200))));

    Problem problem = translator.translate(limited, PATH);

    assertThat(problem.status()).isEqualTo(429);
    assertThat(problem.code()).isEqualTo("rate_limited");
    assertThat(translator.retryAfter(limited)).contains(Duration.ofMillis(11_200));
  }

  @Test
  void conflict_is_409() {
    Problem problem = translator.translate(new ConflictException("payment.illegal_transition", "already captured"), PATH);

    assertThat(problem.status()).isEqualTo(409);
    assertThat(problem.code()).isEqualTo("payment.illegal_transition");
    assertThat(problem.detail()).isEqualTo("already captured");
  }

  @Test
  void validation_is_422_and_carries_every_field_error() {
    ValidationException invalid =
        new ValidationException(
            List.of(
                new ValidationException.FieldError("amount", "too_precise", "too many digits"),
                new ValidationException.FieldError("currency", "unknown_currency", "not ISO 4217")));

    Problem problem = translator.translate(invalid, PATH);

    assertThat(problem.status()).isEqualTo(422);
    assertThat(problem.code()).isEqualTo("validation_failed");
    assertThat(problem.errors()).extracting(ValidationException.FieldError::field).containsExactly("amount", "currency");
  }

  @Test
  void forbidden_is_403() {
    assertThat(translator.translate(new ForbiddenException("auth.role_too_low", "admins only"), PATH).status())
        .isEqualTo(403);
  }

  @Test
  void unsupported_feature_is_422_not_a_server_error() {
    Problem problem = translator.translate(new UnsupportedFeatureException("no partial refunds"), PATH);

    assertThat(problem.status()).isEqualTo(422);
    assertThat(problem.code()).isEqualTo("unsupported_feature");
  }

  @Test
  void retriable_failures_are_503() {
    Problem problem = translator.translate(new RetriableException("gateway.timeout", "try again"), PATH);

    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.code()).isEqualTo("gateway.timeout");
  }

  @Test
  void other_non_retriable_failures_are_400() {
    assertThat(translator.translate(new NonRetriableException("lead.duplicate_email", "taken"), PATH).status())
        .isEqualTo(400);
  }

  @Test
  void configuration_errors_are_500_without_naming_settings() {
    Problem problem =
        translator.translate(new ConfigurationException("configuration_missing", "Missing BIZO_MASTER_KEY"), PATH);

    assertThat(problem.status()).isEqualTo(500);
    assertThat(problem.code()).isEqualTo("configuration_missing");
    assertThat(problem.detail()).doesNotContain("BIZO_MASTER_KEY");
  }

  @Test
  void a_bizo_exception_wrapped_by_the_json_binding_keeps_its_mapping() {
    JsonbException wrapped =
        new JsonbException("Unable to deserialize", ValidationException.ofField("amount", "required", "missing"));

    Problem problem = translator.translate(new ProcessingException(wrapped), PATH);

    assertThat(problem.status()).isEqualTo(422);
    assertThat(problem.errors()).extracting(ValidationException.FieldError::field).containsExactly("amount");
  }

  @Test
  void a_json_syntax_error_is_400_malformed_json() {
    JsonbException binding =
        new JsonbException("Internal error", new JsonParsingException("Unexpected char 125", null));

    Problem problem = translator.translate(new ProcessingException(binding), PATH);

    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.code()).isEqualTo("malformed_json");
  }

  @Test
  void a_binding_error_is_400_invalid_field_naming_the_property() {
    JsonbException binding =
        new JsonbException("Unable to deserialize property 'amount' because of: Character t is neither a decimal digit");

    Problem problem = translator.translate(new ProcessingException(binding), PATH);

    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.code()).isEqualTo("invalid_field");
    assertThat(problem.errors()).extracting(ValidationException.FieldError::field).containsExactly("amount");
    assertThat(problem.detail()).doesNotContain("Character t");
  }

  @Test
  void an_oversized_body_is_413_even_when_a_reader_wrapped_it() {
    Problem problem =
        translator.translate(new ProcessingException(new UncheckedIOException(new RequestTooLargeException(1024))), PATH);

    assertThat(problem.status()).isEqualTo(413);
    assertThat(problem.code()).isEqualTo("payload_too_large");
    assertThat(problem.detail()).contains("1024");
  }

  @Test
  void an_unexpected_failure_is_500_and_reveals_nothing_of_it() {
    Problem problem = translator.translate(new IllegalStateException("secret table bizo_keys is locked"), PATH);

    assertThat(problem.status()).isEqualTo(500);
    assertThat(problem.code()).isEqualTo("internal_error");
    assertThat(problem.detail()).doesNotContain("secret").doesNotContain("IllegalStateException").contains("incident");
  }

  @Test
  void a_bare_status_gets_a_stable_code() {
    assertThat(translator.fromHttpStatus(404, PATH).code()).isEqualTo("not_found");
    assertThat(translator.fromHttpStatus(415, PATH).code()).isEqualTo("unsupported_media_type");
    assertThat(translator.fromHttpStatus(405, PATH).code()).isEqualTo("method_not_allowed");
    assertThat(translator.fromHttpStatus(502, PATH).code()).isEqualTo("internal_error");
  }

  @Test
  void a_search_model_still_loading_is_503_search_model_loading_with_its_retry_delay() {
    ModelLoadingException loading = new ModelLoadingException("all-minilm", Duration.ofMillis(1500));

    Problem problem = translator.translate(new IllegalStateException("wrapped", loading), PATH);

    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.code()).isEqualTo("search.model_loading");
    assertThat(translator.retryAfter(loading)).contains(Duration.ofMillis(1500));
    assertThat(ProblemExceptionMapper.retryAfterSeconds(translator.retryAfter(loading))).as("whole seconds, rounded up").contains(2L);
  }

  @Test
  void a_retriable_failure_without_a_known_delay_gets_no_retry_after() {
    assertThat(translator.retryAfter(new RetriableException("gateway.timeout", "try again"))).isEmpty();
    assertThat(translator.retryAfter(new NonRetriableException("lead.duplicate_email", "taken"))).isEmpty();
    assertThat(ProblemExceptionMapper.retryAfterSeconds(java.util.Optional.of(Duration.ofMillis(10)))).contains(1L);
  }
}
