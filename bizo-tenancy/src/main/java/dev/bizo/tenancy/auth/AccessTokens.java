package dev.bizo.tenancy.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.bizo.core.ConfigurationException;
import dev.bizo.core.Ids;
import dev.bizo.core.TenantId;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Issues and verifies access tokens: ES256-signed JWTs of type {@code at+jwt} (RFC 9068) with the
 * claims {@code iss}, {@code sub}, {@code tid}, {@code roles}, {@code jti}, {@code iat} and {@code exp}.
 *
 * <p>Verification accepts only ES256 with a {@code kid} found in the {@link SigningKeyRing}, so
 * {@code alg: none} and HS256-with-the-public-key forgeries fail before any signature check. Every
 * refusal is an {@link AuthenticationException} with code {@link AuthenticationException#INVALID_TOKEN},
 * or {@link AuthenticationException#TOKEN_EXPIRED} for a token that was good but is now too old.
 * Thread-safe.
 */
public final class AccessTokens {

  /** The JOSE {@code typ} of Bizo access tokens. */
  public static final String TOKEN_TYPE = "at+jwt";

  static final String TENANT_CLAIM = "tid";
  static final String ROLES_CLAIM = "roles";

  private static final JOSEObjectType TYPE = new JOSEObjectType(TOKEN_TYPE);

  private final SigningKeyRing keys;
  private final AccessTokenSettings settings;
  private final Clock clock;
  /**
   * Tokens whose ES256 signature has been checked, with the key that checked it. A client sends the same token
   * on every request for its lifetime, and the signature check is most of what verifying costs (about 0.5 ms
   * of CPU), so it is done once per token; the key's presence in the ring and every claim, expiry included,
   * are still checked on each use.
   */
  private final Cache<String, String> verifiedSignatures;

  public AccessTokens(SigningKeyRing keys, AccessTokenSettings settings, Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.verifiedSignatures = Caffeine.newBuilder()
        .maximumSize(10_000)
        .expireAfterWrite(settings.lifetime().plusMinutes(1))
        .build();
  }

  public AccessTokenSettings settings() {
    return settings;
  }

  /**
   * Signs a token with the ring's active key.
   *
   * @param tenant the {@code tid} claim
   * @param subject the {@code sub} claim, e.g. a user id
   * @param roles the {@code roles} claim
   */
  public AccessToken issue(TenantId tenant, String subject, Set<String> roles) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(roles, "roles");
    Instant now = clock.instant();
    Instant expires = now.plus(settings.lifetime());
    String jti = Ids.newUuid().toString();
    SigningKey key = keys.active();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(settings.issuer())
            .subject(subject)
            .claim(TENANT_CLAIM, tenant.value().toString())
            .claim(ROLES_CLAIM, new ArrayList<>(new TreeSet<>(roles)))
            .jwtID(jti)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(expires))
            .build();
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.keyId()).type(TYPE).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new ECDSASigner(key.key()));
    } catch (JOSEException e) {
      throw new ConfigurationException("configuration_invalid", "Cannot sign with key " + key.keyId() + ": " + e.getMessage(), e);
    }
    // JWT second precision: report the instant the token really expires at.
    return new AccessToken(jwt.serialize(), jti, key.keyId(), claims.getExpirationTime().toInstant());
  }

  /** Verifies a token of any tenant. Prefer {@link #verify(String, TenantId)} when the tenant is known. */
  public AccessTokenClaims verify(String token) {
    return verify(token, Optional.empty());
  }

  /** Verifies a token and requires its {@code tid} claim to be {@code expectedTenant}. */
  public AccessTokenClaims verify(String token, TenantId expectedTenant) {
    return verify(token, Optional.of(Objects.requireNonNull(expectedTenant, "expectedTenant")));
  }

  /** The public JWKS document ({@code application/jwk-set+json}) of every key that may verify a live token. */
  public String jwksJson() {
    return keys.publicJwks().toString(true);
  }

  private AccessTokenClaims verify(String token, Optional<TenantId> expectedTenant) {
    Objects.requireNonNull(token, "token");
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw invalid("malformed");
    }
    JWSHeader header = jwt.getHeader();
    if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
      throw invalid("algorithm not allowed");
    }
    if (!TYPE.equals(header.getType())) {
      throw invalid("not an access token");
    }
    if (header.getKeyID() == null) {
      throw invalid("no key id");
    }
    SigningKey key = keys.find(header.getKeyID()).orElseThrow(() -> invalid("unknown or retired key"));
    if (!key.keyId().equals(verifiedSignatures.getIfPresent(token))) {
      try {
        if (!jwt.verify(new ECDSAVerifier(key.publicKey()))) {
          throw invalid("bad signature");
        }
      } catch (JOSEException e) {
        throw invalid("bad signature");
      }
      verifiedSignatures.put(token, key.keyId());
    }
    return checkClaims(claims, expectedTenant);
  }

  private AccessTokenClaims checkClaims(JWTClaimsSet claims, Optional<TenantId> expectedTenant) {
    if (!settings.issuer().equals(claims.getIssuer())) {
      throw invalid("wrong issuer");
    }
    Date iat = claims.getIssueTime();
    Date exp = claims.getExpirationTime();
    if (iat == null || exp == null || claims.getSubject() == null || claims.getJWTID() == null) {
      throw invalid("missing claim");
    }
    Instant now = clock.instant();
    Instant issuedAt = iat.toInstant();
    Instant expiresAt = exp.toInstant();
    if (issuedAt.isAfter(now.plus(settings.clockSkew()))) {
      throw invalid("issued in the future");
    }
    if (expiresAt.isAfter(issuedAt.plus(AccessTokenSettings.MAX_LIFETIME))) {
      throw invalid("lifetime too long");
    }
    if (!now.isBefore(expiresAt.plus(settings.clockSkew()))) {
      throw new AuthenticationException(AuthenticationException.TOKEN_EXPIRED, "Access token expired");
    }
    TenantId tenant;
    List<String> roles;
    try {
      String tid = claims.getStringClaim(TENANT_CLAIM);
      if (tid == null) {
        throw invalid("missing claim");
      }
      tenant = TenantId.parse(tid);
      roles = claims.getStringListClaim(ROLES_CLAIM);
    } catch (ParseException | RuntimeException e) {
      if (e instanceof AuthenticationException auth) {
        throw auth;
      }
      throw invalid("malformed claim");
    }
    if (expectedTenant.isPresent() && !expectedTenant.get().equals(tenant)) {
      throw invalid("wrong tenant");
    }
    return new AccessTokenClaims(
        claims.getSubject(), tenant, roles == null ? Set.of() : Set.copyOf(roles), claims.getJWTID(), issuedAt, expiresAt);
  }

  private static AuthenticationException invalid(String why) {
    return new AuthenticationException(AuthenticationException.INVALID_TOKEN, "Invalid access token: " + why);
  }

  @Override
  public String toString() {
    return "AccessTokens[" + settings + "]";
  }
}
