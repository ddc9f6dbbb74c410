package dev.bizo.core;

/**
 * The component cannot do what was asked, by design: a gateway without partial refunds, a currency a
 * provider does not settle. Not a bug and not retriable.
 */
public class UnsupportedFeatureException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  /** Default code: {@code unsupported_feature}. */
  public static final String CODE = "unsupported_feature";

  public UnsupportedFeatureException(String message) {
    this(CODE, message);
  }

  public UnsupportedFeatureException(String code, String message) {
    super(code, message);
  }
}
