package dev.bizo.server.openapi;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.PathItem.HttpMethod;

/**
 * The last pass over the generated {@code /openapi} document ({@code mp.openapi.filter}), so that strict
 * validators accept it and generated clients are usable:
 *
 * <ul>
 *   <li>every operation gets a stable {@code operationId} after its resource method ({@code OperationIds});
 *   <li>every operation documents the problem+json errors it can answer ({@code ProblemResponses});
 *   <li>a document without {@code servers} gets the relative {@code /}: the API is served by whichever host
 *       the document was fetched from;
 *   <li>a document without {@code externalDocs} points to the API docs page: WildFly's endpoint would otherwise
 *       write an empty object there, which strict validators refuse (a URL is required).
 * </ul>
 *
 * <p>Runs once, when WildFly builds the document at deployment; the document is then served as built.
 */
public class ApiDocumentFilter implements OASFilter {

  /** The server's API docs page (src/main/webapp/api-docs.html), relative to the document's host. */
  static final String API_DOCS_PAGE = "/api-docs.html";

  @Override
  public void filterOpenAPI(OpenAPI document) {
    if (document.getServers() == null || document.getServers().isEmpty()) {
      document.addServer(OASFactory.createServer().url("/").description("The host this document was fetched from"));
    }
    if (document.getExternalDocs() == null || document.getExternalDocs().getUrl() == null) {
      document.setExternalDocs(OASFactory.createExternalDocumentation()
          .description("The API docs page, rendered from this document")
          .url(API_DOCS_PAGE));
    }
    if (document.getPaths() != null && document.getPaths().getPathItems() != null) {
      for (PathItem path : document.getPaths().getPathItems().values()) {
        for (Map.Entry<HttpMethod, Operation> entry : path.getOperations().entrySet()) {
          Operation operation = entry.getValue();
          if (operation.getOperationId() != null) {
            OperationIds.fromGenerated(operation.getOperationId(), entry.getKey().name()).ifPresent(operation::setOperationId);
          }
        }
      }
    }
    ProblemResponses.document(document);
  }
}
