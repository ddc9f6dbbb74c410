package dev.bizo.server.openapi;

import dev.bizo.server.problem.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.PathItem.HttpMethod;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the RFC 9457 problem responses of every operation: a shared {@code Problem} schema, one shared
 * response per status under {@code components.responses}, and on each operation a reference to those it can
 * answer. Which ones follows from the operation's shape, the same way the server's filters and
 * {@code ProblemTranslator} decide, so a new resource is documented without an annotation:
 *
 * <ul>
 *   <li>a credential required (a {@code security} requirement): 401 (none or a bad one), 403 (its role or scopes
 *       do not allow it), 429 (rate limited);
 *   <li>a request body: 400 (not JSON, or a field of the wrong type), 413 (too large), 415 (not a media type it
 *       takes), 422 (fields refused, with {@code errors});
 *   <li>query parameters: 400 and 422 (a value refused);
 *   <li>a path parameter: 404 (no such thing in the caller's tenant);
 *   <li>POST, PUT, PATCH and DELETE: 409 (a taken name, a reused Idempotency-Key, a state that does not allow it).
 * </ul>
 *
 * <p>A response an operation already documents (e.g. with {@code @APIResponse}) is kept; a 4xx one without
 * content gets the problem content.
 */
final class ProblemResponses {

  /** The name of the shared problem schema under {@code components.schemas}. */
  static final String SCHEMA = "Problem";

  private static final String FIELD_ERROR_SCHEMA = "FieldError";

  /** Status, shared response name (under {@code components.responses}) and when it happens. */
  private record Status(String code, String name, String description) {}

  private static final Status BAD_REQUEST =
      new Status("400", "BadRequest", "The request is malformed: a body that is not JSON, a value of the wrong type");
  private static final Status UNAUTHORIZED =
      new Status("401", "Unauthorized", "No credential, or one that is invalid or expired (see WWW-Authenticate)");
  private static final Status FORBIDDEN =
      new Status("403", "Forbidden", "The credential's role or scopes do not allow this operation");
  private static final Status NOT_FOUND = new Status("404", "NotFound", "No such resource in the caller's tenant");
  private static final Status CONFLICT = new Status(
      "409", "Conflict", "The request conflicts with the current state: a taken name, an Idempotency-Key reused "
          + "with another body, a transition the state does not allow");
  private static final Status CONTENT_TOO_LARGE = new Status("413", "ContentTooLarge", "The body is larger than this operation takes");
  private static final Status UNSUPPORTED_MEDIA_TYPE =
      new Status("415", "UnsupportedMediaType", "The body's Content-Type is not one this operation takes");
  private static final Status UNPROCESSABLE_CONTENT =
      new Status("422", "UnprocessableContent", "A value was refused; errors names each refused field");
  private static final Status TOO_MANY_REQUESTS =
      new Status("429", "TooManyRequests", "Too many requests; retry after the Retry-After header's seconds");

  private static final List<Status> ALL = List.of(
      BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, CONTENT_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
      UNPROCESSABLE_CONTENT, TOO_MANY_REQUESTS);

  private static final Set<HttpMethod> CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  private ProblemResponses() {}

  /** Adds the shared schema and responses to {@code document} and the references to each operation. */
  static void document(OpenAPI document) {
    Components components = document.getComponents();
    if (components == null) {
      components = OASFactory.createComponents();
      document.setComponents(components);
    }
    components.addSchema(FIELD_ERROR_SCHEMA, fieldErrorSchema());
    components.addSchema(SCHEMA, problemSchema());
    for (Status status : ALL) {
      components.addResponse(status.name(), sharedResponse(status));
    }
    if (document.getPaths() == null || document.getPaths().getPathItems() == null) {
      return;
    }
    boolean securedByDefault = document.getSecurity() != null && !document.getSecurity().isEmpty();
    for (PathItem path : document.getPaths().getPathItems().values()) {
      for (Map.Entry<HttpMethod, Operation> entry : path.getOperations().entrySet()) {
        describe(path, entry.getKey(), entry.getValue(), securedByDefault);
      }
    }
  }

  private static void describe(PathItem path, HttpMethod method, Operation operation, boolean securedByDefault) {
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    // Problem content on a 4xx an annotation documented without any.
    if (responses.getAPIResponses() != null) {
      responses.getAPIResponses().forEach((code, response) -> {
        if (code.startsWith("4") && response.getRef() == null && (response.getContent() == null || response.getContent().getMediaTypes() == null || response.getContent().getMediaTypes().isEmpty())) {
          response.setContent(problemContent());
        }
      });
    }
    Set<Status> answers = new TreeSet<>((a, b) -> a.code().compareTo(b.code()));
    boolean secured = operation.getSecurity() != null ? !operation.getSecurity().isEmpty() : securedByDefault;
    if (secured) {
      answers.addAll(List.of(UNAUTHORIZED, FORBIDDEN, TOO_MANY_REQUESTS));
    }
    if (operation.getRequestBody() != null) {
      answers.addAll(List.of(BAD_REQUEST, CONTENT_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNPROCESSABLE_CONTENT));
    }
    List<Parameter> parameters = parameters(path, operation);
    if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY)) {
      answers.addAll(List.of(BAD_REQUEST, UNPROCESSABLE_CONTENT));
    }
    if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)) {
      answers.add(NOT_FOUND);
    }
    if (CHANGING.contains(method)) {
      answers.add(CONFLICT);
    }
    for (Status status : answers) {
      if (!responses.hasAPIResponse(status.code())) {
        responses.addAPIResponse(status.code(), OASFactory.createAPIResponse().ref(status.name()));
      }
    }
  }

  private static List<Parameter> parameters(PathItem path, Operation operation) {
    List<Parameter> all = new ArrayList<>();
    if (path.getParameters() != null) {
      all.addAll(path.getParameters());
    }
    if (operation.getParameters() != null) {
      all.addAll(operation.getParameters());
    }
    return all;
  }

  private static APIResponse sharedResponse(Status status) {
    APIResponse response = OASFactory.createAPIResponse().description(status.description()).content(problemContent());
    if (status == TOO_MANY_REQUESTS) {
      response.addHeader("Retry-After", OASFactory.createHeader()
          .description("Seconds to wait before retrying")
          .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
    }
    if (status == UNAUTHORIZED) {
      response.addHeader("WWW-Authenticate", OASFactory.createHeader()
          .description("The Bearer challenge")
          .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
    }
    return response;
  }

  private static Content problemContent() {
    return OASFactory.createContent().addMediaType(
        Problem.MEDIA_TYPE, OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA)));
  }

  private static Schema problemSchema() {
    Map<String, Schema> properties = new LinkedHashMap<>();
    properties.put("type", string("A URI naming the kind of problem, urn:bizo:problem: followed by the code"));
    properties.put("title", string("A short summary of the status"));
    properties.put("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32").description("The HTTP status"));
    properties.put("detail", string("What went wrong on this request, safe to show"));
    properties.put("instance", string("The request path"));
    properties.put("code", string("The stable machine-readable code, e.g. not_found or payment.illegal_transition"));
    properties.put("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
        .items(OASFactory.createSchema().ref(FIELD_ERROR_SCHEMA))
        .description("One entry per refused field, on validation problems only"));
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .description("An RFC 9457 problem detail, the body of every error answer")
        .properties(properties)
        .required(List.of("type", "title", "status", "detail", "instance", "code"));
  }

  private static Schema fieldErrorSchema() {
    Map<String, Schema> properties = new LinkedHashMap<>();
    properties.put("field", string("The refused field"));
    properties.put("code", string("Why, as a stable code, e.g. required"));
    properties.put("message", string("Why, in words"));
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .description("A field a validation problem refused")
        .properties(properties)
        .required(List.of("field", "code", "message"));
  }

  private static Schema string(String description) {
    return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
  }
}
