package dev.bizo.server.openapi;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Names an operation after the resource method that serves it, so that a generated client's methods read
 * {@code createLead}, {@code listPayments} or {@code getMe} rather than {@code apiV1LeadsPost}. The name depends
 * only on the resource class, the method and the HTTP method, never on the other operations, so adding an
 * operation never renames another (generated clients stay source-compatible).
 *
 * <p>SmallRye writes {@code <ResourceClass>_<method>} as the operationId of every operation that has none in its
 * {@code @Operation} (operationIdStrategy {@code CLASS_METHOD}); an operationId in the annotation is kept as it is.
 * The rules, first match wins:
 *
 * <ol>
 *   <li>a method named by a bare verb on the resource's thing ({@code create}, {@code get}, {@code list},
 *       {@code revoke}...) gets the thing's name, from the class name without {@code Resource}:
 *       {@code PaymentResource.create} is {@code createPayment}; {@code list} and {@code search} take the plural,
 *       {@code listPayments};
 *   <li>a GET whose method name is a noun gets {@code get} before it: {@code MeResource.me} is {@code getMe};
 *   <li>any other method keeps its name: {@code LeadResource.importLeads} is {@code importLeads}.
 * </ol>
 */
final class OperationIds {

  /** Verbs that name an action on the resource's own thing, so the thing completes the name. */
  private static final Set<String> VERBS_ON_THE_THING = Set.of(
      "create", "get", "list", "update", "delete", "add", "register", "revoke", "disable", "enable", "search",
      "capture", "refund", "receive", "parse", "replace");

  /** Verbs after which the thing's name is plural. */
  private static final Set<String> VERBS_ON_MANY = Set.of("list", "search");

  /** Verbs a GET method name may already start with. */
  private static final Set<String> READING_VERBS = Set.of("get", "list", "search", "find", "count");

  private static final String RESOURCE_SUFFIX = "Resource";

  private OperationIds() {}

  /**
   * The operationId for an operation SmallRye named {@code <ResourceClass>_<method>}.
   *
   * @param generated the operationId as SmallRye generated it
   * @param httpMethod the operation's HTTP method, e.g. {@code GET}
   * @return the new operationId, or empty when {@code generated} is not of that form (an operationId from an
   *     annotation), which is then kept
   */
  static Optional<String> fromGenerated(String generated, String httpMethod) {
    int separator = generated.lastIndexOf('_');
    if (separator <= 0 || separator == generated.length() - 1) {
      return Optional.empty();
    }
    String className = generated.substring(0, separator);
    // A nested resource class is Outer$Inner.
    className = className.substring(className.lastIndexOf('$') + 1);
    if (!className.endsWith(RESOURCE_SUFFIX) || className.length() == RESOURCE_SUFFIX.length()) {
      return Optional.empty();
    }
    return Optional.of(of(className.substring(0, className.length() - RESOURCE_SUFFIX.length()),
        generated.substring(separator + 1), httpMethod));
  }

  /**
   * The operationId of resource method {@code method} on the thing {@code thing}.
   *
   * @param thing what the resource serves, in UpperCamelCase: {@code Payment} for {@code PaymentResource}
   * @param method the resource method's name
   * @param httpMethod the operation's HTTP method, e.g. {@code GET}
   */
  static String of(String thing, String method, String httpMethod) {
    if (VERBS_ON_THE_THING.contains(method)) {
      return method + (VERBS_ON_MANY.contains(method) ? plural(thing) : thing);
    }
    if (httpMethod.toUpperCase(Locale.ROOT).equals("GET") && !startsWithAny(method, READING_VERBS)) {
      return "get" + Character.toUpperCase(method.charAt(0)) + method.substring(1);
    }
    return method;
  }

  private static boolean startsWithAny(String method, Set<String> verbs) {
    return verbs.stream()
        .anyMatch(v -> method.startsWith(v) && (method.length() == v.length() || Character.isUpperCase(method.charAt(v.length()))));
  }

  private static String plural(String thing) {
    if (thing.endsWith("y") && thing.length() > 1 && "aeiou".indexOf(thing.charAt(thing.length() - 2)) < 0) {
      return thing.substring(0, thing.length() - 1) + "ies";
    }
    return thing.endsWith("s") ? thing + "es" : thing + "s";
  }
}
