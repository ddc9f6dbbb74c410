package dev.bizo.core;

/**
 * The platform is set up wrongly: a setting with a bad value, two providers claiming one name. Fails
 * fast at start-up rather than at first use.
 */
public class ConfigurationException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  /** Default code: {@code configuration_invalid}. */
  public static final String CODE = "configuration_invalid";

  public ConfigurationException(String message) {
    this(CODE, message);
  }

  public ConfigurationException(String code, String message) {
    super(code, message);
  }

  public ConfigurationException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
