package dev.bizo.server.api;

import dev.bizo.core.Money;
import dev.bizo.core.ValidationException;
import dev.bizo.server.auth.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Converts a decimal amount to the minor units every money field of the API uses, by bizo-core's
 * rules: clients can check their conversion before they create a payment.
 */
@Path("/money")
@Public
@RequestScoped
public class MoneyResource {

  /**
   * A decimal amount to convert.
   *
   * @param amount the amount in major units, e.g. {@code 19.99}
   * @param currency ISO 4217 code, e.g. {@code EUR}
   * @param rounding how to round excess fraction digits; absent means excess digits are refused
   */
  public record ParseRequest(BigDecimal amount, String currency, RoundingMode rounding) {}

  /**
   * The amount in minor units.
   *
   * @param minorUnits the amount in the currency's smallest unit, e.g. {@code 1999} for 19.99 EUR
   * @param currency ISO 4217 code
   * @param fractionDigits how many minor-unit digits the currency has
   * @param amount the decimal amount, as a string, after rounding
   */
  public record ParsedMoney(long minorUnits, String currency, int fractionDigits, String amount) {}

  @POST
  @Path("/parse")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Convert a decimal amount and currency to minor units")
  public ParsedMoney parse(ParseRequest request) {
    if (request == null) {
      throw new ValidationException("body_required", "A JSON body with amount and currency is required", List.of());
    }
    if (request.amount() == null) {
      throw ValidationException.ofField("amount", "required", "amount is required");
    }
    if (request.currency() == null) {
      throw ValidationException.ofField("currency", "required", "currency is required");
    }
    Currency currency = Money.currency(request.currency());
    BigDecimal amount = request.amount();
    if (request.rounding() != null
        && request.rounding() != RoundingMode.UNNECESSARY
        && currency.getDefaultFractionDigits() >= 0) {
      amount = amount.setScale(currency.getDefaultFractionDigits(), request.rounding());
    }
    Money money = Money.of(amount, currency);
    return new ParsedMoney(
        money.minorUnits(), currency.getCurrencyCode(), money.fractionDigits(), money.toDecimal().toPlainString());
  }
}
