package dev.bizo.payments.spi;

import java.net.URI;
import java.util.Objects;

/**
 * What must happen before a {@link GatewayResult.Outcome#PENDING PENDING} payment can complete.
 *
 * @param type what kind of action the customer or client takes
 * @param value the redirect or approval URL, or the client secret for an in-page SDK
 */
public record NextAction(Type type, String value) {

  /** The kinds of next action gateways ask for. */
  public enum Type {
    /** Send the customer's browser to {@link #value()}, e.g. a 3-D Secure challenge. */
    REDIRECT,
    /** Hand {@link #value()} to the gateway's client SDK, e.g. a Stripe PaymentIntent client secret. */
    CLIENT_SECRET,
    /** Send the customer to {@link #value()} to approve the payment, e.g. a PayPal approval link. */
    APPROVAL_LINK
  }

  /** Validates both parts are present and URLs are absolute. */
  public NextAction {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("A next action needs a value");
    }
    if (type != Type.CLIENT_SECRET && !URI.create(value).isAbsolute()) {
      throw new IllegalArgumentException("A " + type + " next action needs an absolute URL: " + value);
    }
  }

  /** Redirect the customer, e.g. to a 3-D Secure page. */
  public static NextAction redirect(URI url) {
    return new NextAction(Type.REDIRECT, url.toString());
  }

  /** Give the client SDK this secret. */
  public static NextAction clientSecret(String secret) {
    return new NextAction(Type.CLIENT_SECRET, secret);
  }

  /** Send the customer to approve, e.g. a PayPal approval link. */
  public static NextAction approvalLink(URI url) {
    return new NextAction(Type.APPROVAL_LINK, url.toString());
  }

  /** The value as a URL; not meaningful for {@link Type#CLIENT_SECRET}. */
  public URI url() {
    if (type == Type.CLIENT_SECRET) {
      throw new IllegalStateException("A client secret is not a URL");
    }
    return URI.create(value);
  }

  /** Hides a client secret, which authorizes client-side confirmation. */
  @Override
  public String toString() {
    return "NextAction[" + type + ", " + (type == Type.CLIENT_SECRET ? "***" : value) + "]";
  }
}
