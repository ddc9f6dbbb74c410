package dev.bizo.core;

/**
 * The requested resource does not exist, or is not visible to the caller's tenant. The two cases are
 * deliberately indistinguishable so that callers cannot probe other tenants.
 */
public class NotFoundException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  /** Default code: {@code not_found}. */
  public static final String CODE = "not_found";

  public NotFoundException(String message) {
    this(CODE, message);
  }

  public NotFoundException(String code, String message) {
    super(code, message);
  }

  /** A not-found error for a resource type and id, e.g. {@code of("lead", id)}. */
  public static NotFoundException of(String resource, Object id) {
    return new NotFoundException(resource + ".not_found", resource + " " + id + " not found");
  }
}
