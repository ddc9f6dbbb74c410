package dev.bizo.payments.paypal.internal;

import com.paypal.sdk.Environment;
import com.paypal.sdk.PaypalServerSdkClient;
import com.paypal.sdk.authentication.ClientCredentialsAuthModel;
import com.paypal.sdk.exceptions.ApiException;
import com.paypal.sdk.models.OAuthToken;
import dev.bizo.payments.spi.GatewaySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Builds paypal-server-sdk clients for one tenant's app credentials, pointed at a configurable API base,
 * and keeps each app's OAuth access token, with the client that carries it, until shortly before it
 * expires.
 *
 * <p>The SDK only knows its two fixed environments, so the base override is an OkHttp interceptor that
 * moves every request from the SDK's host to the configured base. The OkHttp client never retries
 * (neither does the SDK): a repeated money-moving request is the platform's decision.
 */
public final class PayPalClients {

  /** Refresh tokens this long before PayPal's stated expiry. */
  private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);

  private final OkHttpClient http;
  private final Clock clock;
  private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

  /**
   * Clients against the settings' API base, with their timeouts; the settings' clock decides when a cached token
   * is too old.
   */
  public PayPalClients(GatewaySettings settings) {
    HttpUrl base = HttpUrl.get(settings.apiBase().toString());
    this.clock = settings.clock();
    this.http = new OkHttpClient.Builder()
        .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .writeTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .eventListenerFactory(RequestProgress.listeners())
        .addInterceptor(rebase(base))
        .build();
  }

  private static Interceptor rebase(HttpUrl base) {
    String prefix = base.encodedPath().replaceAll("/+$", "");
    return chain -> {
      Request request = chain.request();
      HttpUrl url = request.url().newBuilder()
          .scheme(base.scheme())
          .host(base.host())
          .port(base.port())
          .encodedPath(prefix + request.url().encodedPath())
          .build();
      return chain.proceed(request.newBuilder().url(url).build());
    };
  }

  /**
   * A client carrying a valid access token for the app, fetching one first when none is cached.
   *
   * @throws ApiException when PayPal refuses the token request (e.g. HTTP 401 for a wrong secret)
   * @throws IOException when the token request failed in transport; no API request was sent then
   */
  public PaypalServerSdkClient client(String clientId, String clientSecret) throws ApiException, IOException {
    return current(clientId, clientSecret).client();
  }

  /**
   * The app's access token, cached or fetched.
   *
   * @throws ApiException when PayPal refuses the token request
   * @throws IOException when the token request failed in transport
   */
  public OAuthToken accessToken(String clientId, String clientSecret) throws ApiException, IOException {
    return current(clientId, clientSecret).token();
  }

  /** Drops the app's cached token, e.g. after PayPal refused it as revoked or expired. */
  public void forget(String clientId, String clientSecret) {
    tokens.remove(cacheKey(clientId, clientSecret));
  }

  private CachedToken current(String clientId, String clientSecret) throws ApiException, IOException {
    String key = cacheKey(clientId, clientSecret);
    Instant now = clock.instant();
    CachedToken cached = tokens.get(key);
    if (cached != null && now.isBefore(cached.refreshAt())) {
      return cached;
    }
    OAuthToken token = withToken(clientId, clientSecret, null).getClientCredentialsAuth().fetchToken();
    long lifetime = token.getExpiresIn() == null ? 0 : token.getExpiresIn();
    CachedToken fresh = new CachedToken(
        token, withToken(clientId, clientSecret, token), now.plusSeconds(lifetime).minus(EXPIRY_MARGIN));
    tokens.put(key, fresh);
    return fresh;
  }

  private PaypalServerSdkClient withToken(String clientId, String clientSecret, OAuthToken token) {
    ClientCredentialsAuthModel.Builder auth = new ClientCredentialsAuthModel.Builder(clientId, clientSecret);
    if (token != null) {
      auth.oAuthToken(token);
    }
    return new PaypalServerSdkClient.Builder()
        .environment(Environment.PRODUCTION)
        .clientCredentialsAuth(auth.build())
        .httpClientConfig(config -> config.numberOfRetries(0).shouldRetryOnTimeout(false).httpClientInstance(http, false))
        .build();
  }

  /** Tokens are cached under a digest, so the secret itself is not kept as a map key. */
  private static String cacheKey(String clientId, String clientSecret) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest((clientId + "\n" + clientSecret).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private record CachedToken(OAuthToken token, PaypalServerSdkClient client, Instant refreshAt) {}
}
