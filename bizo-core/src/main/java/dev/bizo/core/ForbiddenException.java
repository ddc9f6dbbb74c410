package dev.bizo.core;

/** The caller is known but lacks the permission for this action. */
public class ForbiddenException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  /** Default code: {@code forbidden}. */
  public static final String CODE = "forbidden";

  public ForbiddenException(String message) {
    this(CODE, message);
  }

  public ForbiddenException(String code, String message) {
    super(code, message);
  }
}
