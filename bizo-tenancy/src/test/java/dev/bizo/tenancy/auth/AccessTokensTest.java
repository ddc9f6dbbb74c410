package dev.bizo.tenancy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.bizo.core.TenantId;
import dev.bizo.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

  static final String ISSUER = "https://auth.bizo.test";

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final AccessTokenSettings settings = AccessTokenSettings.of(ISSUER);
  private final SigningKeyRing ring = SigningKeyRing.generate(settings.retiredKeyRetention(), clock);
  private final AccessTokens tokens = new AccessTokens(ring, settings, clock);
  private final TenantId tenant = TenantId.generate();

  @Test
  void issues_a_token_carrying_every_claim() throws Exception {
    AccessToken token = tokens.issue(tenant, "user-1", Set.of("ADMIN", "MEMBER"));

    SignedJWT jwt = SignedJWT.parse(token.value());
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(ring.active().keyId()).isEqualTo(token.keyId());
    assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo("user-1");
    assertThat(claims.getStringClaim("tid")).isEqualTo(tenant.value().toString());
    assertThat(claims.getStringListClaim("roles")).containsExactly("ADMIN", "MEMBER");
    assertThat(claims.getIssuer()).isEqualTo(ISSUER);
    assertThat(claims.getJWTID()).isEqualTo(token.tokenId());
    assertThat(claims.getIssueTime().toInstant()).isEqualTo(clock.instant());
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
  }

  @Test
  void verifies_its_own_token_and_returns_the_claims() {
    AccessToken token = tokens.issue(tenant, "user-1", Set.of("OWNER"));

    AccessTokenClaims claims = tokens.verify(token.value(), tenant);

    assertThat(claims.subject()).isEqualTo("user-1");
    assertThat(claims.tenant()).isEqualTo(tenant);
    assertThat(claims.roles()).containsExactly("OWNER");
    assertThat(claims.tokenId()).isEqualTo(token.tokenId());
    assertThat(claims.expiresAt()).isEqualTo(token.expiresAt());
  }

  @Test
  void feeds_the_verified_tid_to_tenancys_token_claim_resolver() {
    AccessTokenClaims claims = tokens.verify(tokens.issue(tenant, "user-1", Set.of("MEMBER")).value());

    var request = new dev.bizo.tenancy.spi.TenantRequest(java.util.Map.of(), "acme.bizo.test", claims.asMap());

    assertThat(dev.bizo.tenancy.TenantResolvers.tokenClaim().resolve(request)).contains(tenant);
    assertThat(claims.asMap()).containsEntry("sub", "user-1").containsEntry("roles", List.of("MEMBER"));
  }

  @Test
  void gives_every_token_a_distinct_jti() {
    assertThat(tokens.issue(tenant, "u", Set.of()).tokenId()).isNotEqualTo(tokens.issue(tenant, "u", Set.of()).tokenId());
  }

  @Test
  void refuses_lifetimes_over_fifteen_minutes() {
    assertThatThrownBy(() -> settings.withLifetime(Duration.ofMinutes(16))).isInstanceOf(IllegalArgumentException.class);
    assertThat(settings.withLifetime(Duration.ofMinutes(15)).lifetime()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void accepts_a_token_within_clock_skew_after_expiry_and_refuses_it_after() {
    AccessToken token = tokens.issue(tenant, "user-1", Set.of());

    clock.advance(Duration.ofMinutes(10).plusSeconds(29));
    assertThat(tokens.verify(token.value()).subject()).isEqualTo("user-1");

    clock.advance(Duration.ofSeconds(1));
    assertRefused(() -> tokens.verify(token.value()), AuthenticationException.TOKEN_EXPIRED);
  }

  @Test
  void refuses_a_token_issued_in_the_future() {
    clock.advance(Duration.ofMinutes(5));
    AccessToken token = tokens.issue(tenant, "user-1", Set.of());
    clock.advance(Duration.ofMinutes(-5));

    assertRefused(() -> tokens.verify(token.value()), AuthenticationException.INVALID_TOKEN);
  }

  @Test
  void refuses_a_token_whose_payload_was_tampered_with() {
    AccessToken token = tokens.issue(tenant, "user-1", Set.of("VIEWER"));
    String[] parts = token.value().split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String forged = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.replace("\"VIEWER\"", "\"OWNER\"").getBytes(StandardCharsets.UTF_8));
    assertThat(forged).isNotEqualTo(parts[1]);

    assertRefused(() -> tokens.verify(parts[0] + "." + forged + "." + parts[2]), AuthenticationException.INVALID_TOKEN);
  }

  @Test
  void refuses_a_token_signed_by_another_key_even_with_a_known_kid() throws Exception {
    SigningKeyRing otherRing = SigningKeyRing.generate(Duration.ofMinutes(15), clock);
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ring.active().keyId())
        .type(new JOSEObjectType("at+jwt")).build();
    SignedJWT jwt = new SignedJWT(header, validClaims(tenant));
    jwt.sign(new ECDSASigner(otherRing.active().key()));

    assertRefused(() -> tokens.verify(jwt.serialize()), AuthenticationException.INVALID_TOKEN);
  }

  @Test
  void refuses_a_token_from_another_issuing_service() {
    AccessTokens otherService = new AccessTokens(SigningKeyRing.generate(Duration.ofMinutes(15), clock), settings, clock);

    assertRefused(() -> tokens.verify(otherService.issue(tenant, "u", Set.of()).value()), AuthenticationException.INVALID_TOKEN);
  }

  @Test
  void refuses_a_token_of_another_tenant_when_the_tenant_is_expected() {
    AccessToken token = tokens.issue(tenant, "user-1", Set.of());

    assertRefused(() -> tokens.verify(token.value(), TenantId.generate()), AuthenticationException.INVALID_TOKEN);
    assertThat(tokens.verify(token.value(), tenant).tenant()).isEqualTo(tenant);
  }

  @Test
  void refuses_a_token_with_the_wrong_issuer() {
    AccessTokens foreign = new AccessTokens(ring, AccessTokenSettings.of("https://evil.test"), clock);

    assertRefused(() -> tokens.verify(foreign.issue(tenant, "u", Set.of()).value()), AuthenticationException.INVALID_TOKEN);
  }

  @Test
  void refuses_an_unsigned_alg_none_token() {
    PlainJWT plain = new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType("at+jwt")).build(), validClaims(tenant));

    assertRefused(() -> tokens.verify(plain.serialize()), AuthenticationException.INVALID_TOKEN);
  }

  @Test
  void refuses_an_hs256_token_keyed_with_the_public_key() throws Exception {
    // The classic confusion attack: HMAC "signed" with the published public key as the secret.
    byte[] publicKeyBytes = ring.active().publicKey().toECPublicKey().getEncoded();
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(ring.active().keyId())
        .type(new JOSEObjectType("at+jwt")).build();
    SignedJWT jwt = new SignedJWT(header, validClaims(tenant));
    jwt.sign(new MACSigner(publicKeyBytes));

    assertRefused(() -> tokens.verify(jwt.serialize()), AuthenticationException.INVALID_TOKEN);
  }

  @Test
  void refuses_garbage() {
    assertRefused(() -> tokens.verify("not-a-jwt"), AuthenticationException.INVALID_TOKEN);
    assertRefused(() -> tokens.verify(""), AuthenticationException.INVALID_TOKEN);
  }

  @Test
  void a_token_verified_before_still_has_its_tenant_and_expiry_checked_on_every_use() {
    AccessToken token = tokens.issue(tenant, "user-1", Set.of("OWNER"));
    assertThat(tokens.verify(token.value(), tenant).subject()).isEqualTo("user-1");

    assertRefused(() -> tokens.verify(token.value(), TenantId.generate()), AuthenticationException.INVALID_TOKEN);
    clock.advance(settings.lifetime().plusMinutes(5));
    assertRefused(() -> tokens.verify(token.value(), tenant), AuthenticationException.TOKEN_EXPIRED);
  }

  @Test
  void keeps_verifying_old_tokens_after_rotation_until_the_old_key_ages_out() throws Exception {
    AccessToken before = tokens.issue(tenant, "user-1", Set.of());
    String oldKid = ring.active().keyId();

    SigningKey newKey = ring.rotate();
    clock.advance(Duration.ofMinutes(5));
    AccessToken after = tokens.issue(tenant, "user-1", Set.of());

    assertThat(newKey.keyId()).isNotEqualTo(oldKid);
    assertThat(after.keyId()).isEqualTo(newKey.keyId());
    assertThat(tokens.verify(before.value()).subject()).isEqualTo("user-1");
    assertThat(kids(tokens.jwksJson())).containsExactly(newKey.keyId(), oldKid);

    clock.advance(settings.retiredKeyRetention().minusMinutes(5));

    assertThat(kids(tokens.jwksJson())).containsExactly(newKey.keyId());
    assertRefused(() -> tokens.verify(before.value()), AuthenticationException.INVALID_TOKEN);
    assertThat(tokens.verify(after.value()).subject()).isEqualTo("user-1");
  }

  @Test
  void publishes_only_public_key_material() throws Exception {
    ring.rotate();
    String jwks = tokens.jwksJson();

    JWKSet parsed = JWKSet.parse(jwks);
    assertThat(parsed.getKeys()).hasSize(2).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
    assertThat(jwks).doesNotContain("\"d\"").contains("\"kty\":\"EC\"", "\"crv\":\"P-256\"", "\"alg\":\"ES256\"");
  }

  @Test
  void never_prints_token_or_key_material() {
    AccessToken token = tokens.issue(tenant, "user-1", Set.of());

    assertThat(token.toString()).doesNotContain(token.value()).contains(token.tokenId());
    String d = ring.active().key().getD().toString();
    assertThat(ring.active().toString()).doesNotContain(d);
    assertThat(ring.toString()).doesNotContain(d);
  }

  private JWTClaimsSet validClaims(TenantId tid) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject("attacker")
        .claim("tid", tid.value().toString())
        .claim("roles", List.of("OWNER"))
        .jwtID("j-1")
        .issueTime(Date.from(clock.instant()))
        .expirationTime(Date.from(clock.instant().plusSeconds(300)))
        .build();
  }

  private static List<String> kids(String jwks) throws Exception {
    return JWKSet.parse(jwks).getKeys().stream().map(k -> k.getKeyID()).toList();
  }

  private static void assertRefused(ThrowingCallable call, String code) {
    assertThatThrownBy(call)
        .isInstanceOf(AuthenticationException.class)
        .extracting(e -> ((AuthenticationException) e).code())
        .isEqualTo(code);
  }
}
