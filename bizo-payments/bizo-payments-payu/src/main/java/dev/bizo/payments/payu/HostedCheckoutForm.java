package dev.bizo.payments.payu;

import dev.bizo.payments.payu.internal.FormBody;
import dev.bizo.payments.spi.NextAction;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The form that sends a customer to PayU's hosted checkout: PayU's {@code _payment} page takes a browser
 * {@code POST} of these fields, hash included.
 *
 * <p>{@link PayUGateway} returns it inside a PENDING result's {@link NextAction.Type#REDIRECT REDIRECT} next
 * action, as the {@code _payment} URL with the fields as its query string, because a next action is a single
 * URL. Post it, don't follow it: turn the next action back into the form with {@link #of(NextAction)} and
 * render {@link #toAutoSubmittingHtml()}, or post {@link #fields()} to {@link #action()} yourself.
 *
 * <pre>{@code
 * GatewayResult pending = payu.purchase(request);             // PENDING
 * HostedCheckoutForm form = HostedCheckoutForm.of(pending.nextAction().orElseThrow());
 * response.send(form.toAutoSubmittingHtml());                 // the browser posts it to PayU
 * }</pre>
 *
 * @param action PayU's {@code _payment} URL
 * @param fields the form fields in order, including {@code hash}; the salt is never among them
 */
public record HostedCheckoutForm(URI action, Map<String, String> fields) {

  /** Validates presence and copies the fields, keeping their order. */
  public HostedCheckoutForm {
    Objects.requireNonNull(action, "action");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fields, "fields")));
    if (!fields.containsKey("hash") || !fields.containsKey("txnid")) {
      throw new IllegalArgumentException("A PayU checkout form has a txnid and a hash");
    }
  }

  /**
   * The form carried by a next action {@link PayUGateway} returned.
   *
   * @throws IllegalArgumentException when the next action is not a PayU checkout redirect
   */
  public static HostedCheckoutForm of(NextAction next) {
    if (next.type() != NextAction.Type.REDIRECT) {
      throw new IllegalArgumentException("Not a PayU checkout redirect: " + next.type());
    }
    URI url = next.url();
    Map<String, String> fields = FormBody.parse(url.getRawQuery() == null ? "" : url.getRawQuery())
        .orElseThrow(() -> new IllegalArgumentException("The checkout redirect's fields are malformed"));
    URI action = URI.create(url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath());
    return new HostedCheckoutForm(action, fields);
  }

  /** The next action carrying this form: the action URL with the fields as its query string. */
  NextAction toNextAction() {
    return NextAction.redirect(URI.create(action + "?" + FormBody.encode(fields)));
  }

  /** The payment's {@code txnid}, which is also its gateway reference. */
  public String txnid() {
    return fields.get("txnid");
  }

  /** A minimal HTML page that posts the form to PayU as soon as it loads (a button if scripts are off). */
  public String toAutoSubmittingHtml() {
    StringBuilder html = new StringBuilder()
        .append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Redirecting to PayU</title></head>")
        .append("<body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"")
        .append(escape(action.toString())).append("\">");
    fields.forEach((name, value) -> html.append("<input type=\"hidden\" name=\"").append(escape(name))
        .append("\" value=\"").append(escape(value)).append("\">"));
    return html.append("<noscript><button type=\"submit\">Continue to PayU</button></noscript></form></body></html>")
        .toString();
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
