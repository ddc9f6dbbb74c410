package dev.bizo.tenancy.auth;

import dev.bizo.core.NonRetriableException;

/**
 * The caller could not be authenticated: wrong credentials, a locked account, an invalid or expired
 * token, a revoked API key.
 *
 * <p>The {@link #code() code} tells a client what to do next (log in again, refresh, fix the key) but
 * never why credentials were refused: an unknown e-mail, a wrong password and a locked account all
 * produce the same {@link #INVALID_CREDENTIALS} error with the same message, so accounts cannot be
 * enumerated. Map it to HTTP 401.
 */
public final class AuthenticationException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  /** Login refused: unknown tenant or e-mail, wrong password, locked or disabled account. */
  public static final String INVALID_CREDENTIALS = "auth.invalid_credentials";

  /** An access token that is malformed, badly signed, of the wrong tenant or otherwise unacceptable. */
  public static final String INVALID_TOKEN = "auth.invalid_token";

  /** An access token that was valid but has expired; the client should refresh it. */
  public static final String TOKEN_EXPIRED = "auth.token_expired";

  /** A refresh token that is unknown, expired, revoked or already used. */
  public static final String INVALID_REFRESH_TOKEN = "auth.invalid_refresh_token";

  /** An API key that is malformed, unknown, wrong, expired or revoked. */
  public static final String INVALID_API_KEY = "auth.invalid_api_key";

  private static final String CREDENTIALS_MESSAGE = "Invalid tenant, e-mail or password";

  /**
   * @param code one of the constants of this class
   * @param message a message for people; never contains a secret
   */
  public AuthenticationException(String code, String message) {
    super(code, message);
  }

  /** The one error every refused login produces, whatever the reason. */
  public static AuthenticationException invalidCredentials() {
    return new AuthenticationException(INVALID_CREDENTIALS, CREDENTIALS_MESSAGE);
  }
}
