package dev.bizo.payments.spi;

import dev.bizo.core.NonRetriableException;

/**
 * A received webhook was not accepted: its signature is missing or wrong, its timestamp is outside the
 * tolerance, or it cannot be parsed. Nothing in a rejected webhook is acted on. Callers answer the
 * sender with HTTP 400 and log {@link #code()} only, never the body.
 */
public class WebhookRejectedException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  /** No signature header, or one that cannot be parsed. */
  public static final String SIGNATURE_MISSING = "webhook.signature_missing";

  /** The signature does not match the raw body under the tenant's secret. */
  public static final String SIGNATURE_INVALID = "webhook.signature_invalid";

  /** The signed timestamp is too old or too far in the future. */
  public static final String TIMESTAMP_OUT_OF_TOLERANCE = "webhook.timestamp_out_of_tolerance";

  /** The body passed verification but is not a webhook the gateway recognizes. */
  public static final String MALFORMED = "webhook.malformed";

  /**
   * A rejection.
   *
   * @param code one of the constants of this class, or another {@code webhook.*} code
   * @param message why, without secrets or body content
   */
  public WebhookRejectedException(String code, String message) {
    super(code, message);
  }

  /** The signature header is absent or unreadable. */
  public static WebhookRejectedException signatureMissing(String header) {
    return new WebhookRejectedException(SIGNATURE_MISSING, "No usable " + header + " header");
  }

  /** No signature matches. */
  public static WebhookRejectedException signatureInvalid() {
    return new WebhookRejectedException(SIGNATURE_INVALID, "The webhook signature does not match its body");
  }

  /** The body is not understood. */
  public static WebhookRejectedException malformed(String why) {
    return new WebhookRejectedException(MALFORMED, "The webhook body is not understood: " + why);
  }
}
