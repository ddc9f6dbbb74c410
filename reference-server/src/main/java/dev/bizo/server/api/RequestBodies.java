package dev.bizo.server.api;

import dev.bizo.core.ValidationException;
import dev.bizo.core.ValidationException.FieldError;
import java.util.ArrayList;
import java.util.List;

/** Checks shared by the JSON request bodies of the API: a missing body or field is a 422 with field errors. */
public final class RequestBodies {

  private RequestBodies() {}

  public static <T> T require(T body) {
    if (body == null) {
      throw new ValidationException("body_required", "A JSON body is required", List.of());
    }
    return body;
  }

  /** Collects field errors so one response names every missing field at once. */
  public static final class Fields {
    private final List<FieldError> errors = new ArrayList<>();

    public Fields required(String field, String value) {
      if (value == null || value.isBlank()) {
        errors.add(new FieldError(field, "required", field + " is required"));
      }
      return this;
    }

    public Fields add(List<FieldError> more) {
      errors.addAll(more);
      return this;
    }

    public void check() {
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
    }
  }
}
