package dev.bizo.agents.tools;

import java.net.URI;
import java.util.Objects;

/**
 * A page fetched through the {@link dev.bizo.core.http.SsrfGuard}.
 *
 * @param url the URL finally fetched, after permitted redirects
 * @param status the HTTP status
 * @param contentType the Content-Type header, empty when absent
 * @param body the body decoded as UTF-8
 */
public record FetchedPage(URI url, int status, String contentType, String body) {

  /** Requires every field. */
  public FetchedPage {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }
}
