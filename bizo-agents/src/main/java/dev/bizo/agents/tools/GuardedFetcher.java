package dev.bizo.agents.tools;

import dev.bizo.core.ForbiddenException;
import dev.bizo.core.NonRetriableException;
import dev.bizo.core.RetriableException;
import dev.bizo.core.ValidationException;
import dev.bizo.core.http.OutboundHttp;
import dev.bizo.core.http.SsrfGuard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches web pages for the SEO analyser: every URL, including each redirect target, passes the
 * {@link SsrfGuard}; bodies are capped in size and the whole fetch in time. Each hop's protocol version comes from
 * {@link OutboundHttp}: HTTP/1.1 on {@code http://} (no h2c upgrade offer), HTTP/2 over TLS.
 */
public final class GuardedFetcher {

  /** Body larger than the cap. */
  public static final String TOO_LARGE = "net.body_too_large";
  /** Fetch took longer than allowed. */
  public static final String TIMED_OUT = "net.timeout";

  private static final int MAX_REDIRECTS = 3;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GuardedFetcher.class);

  private final SsrfGuard guard;
  private final int maxBytes;
  private final Duration timeout;
  private final HttpClient client;

  /**
   * A fetcher.
   *
   * @param guard the guard every URL passes
   * @param maxBytes largest body accepted
   * @param timeout longest time for the whole fetch, redirects included
   */
  public GuardedFetcher(SsrfGuard guard, int maxBytes, Duration timeout) {
    this.guard = Objects.requireNonNull(guard, "guard");
    if (maxBytes < 1 || timeout.isNegative() || timeout.isZero()) {
      throw ValidationException.ofField("maxBytes", "fetch.limits_invalid", "fetch limits must be positive");
    }
    this.maxBytes = maxBytes;
    this.timeout = timeout;
    this.client = OutboundHttp.clientBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(timeout)
        .build();
  }

  /**
   * A fetcher with the strict guard, a 2 MiB cap and a 10 second timeout.
   *
   * @return the fetcher
   */
  public static GuardedFetcher strict() {
    return new GuardedFetcher(SsrfGuard.strict(), 2 * 1024 * 1024, Duration.ofSeconds(10));
  }

  /**
   * Fetches a page with GET.
   *
   * @param url the URL
   * @return the page (any status)
   * @throws ForbiddenException when the URL or a redirect target is refused
   * @throws NonRetriableException with {@value #TOO_LARGE} when the body exceeds the cap
   * @throws RetriableException with {@value #TIMED_OUT} or {@code net.io} on time-out or I/O failure
   */
  public FetchedPage fetch(URI url) {
    long deadline = System.nanoTime() + timeout.toNanos();
    URI current = url;
    for (int hop = 0; ; hop++) {
      guard.check(current);
      HttpRequest request = OutboundHttp.request(current)
          .timeout(remaining(deadline))
          .header("Accept", "text/html,application/xhtml+xml")
          .header("User-Agent", "bizo-seo-analyser/1")
          .GET()
          .build();
      HttpResponse<InputStream> response = send(request, deadline);
      int status = response.statusCode();
      if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
        closeQuietly(response.body());
        if (hop >= MAX_REDIRECTS) {
          throw new NonRetriableException("net.too_many_redirects", "more than " + MAX_REDIRECTS + " redirects");
        }
        current = current.resolve(response.headers().firstValue("Location").get());
        continue;
      }
      String body = readCapped(response.body(), deadline);
      return new FetchedPage(current, status, response.headers().firstValue("Content-Type").orElse(""), body);
    }
  }

  private HttpResponse<InputStream> send(HttpRequest request, long deadline) {
    try {
      return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
          .get(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new RetriableException(TIMED_OUT, "no response from " + request.uri() + " within " + timeout);
    } catch (ExecutionException e) {
      throw new RetriableException("net.io", "fetching " + request.uri() + " failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("net.interrupted", "interrupted while fetching " + request.uri(), e);
    }
  }

  private String readCapped(InputStream in, long deadline) {
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try (in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (out.size() + n > maxBytes) {
            throw new NonRetriableException(TOO_LARGE, "body is larger than " + maxBytes + " bytes");
          }
          out.write(buffer, 0, n);
        }
        return out.toByteArray();
      } catch (IOException e) {
        throw new RetriableException("net.io", "reading the body failed: " + e.getMessage(), e);
      }
    });
    try {
      return new String(read.get(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS), StandardCharsets.UTF_8);
    } catch (TimeoutException e) {
      closeQuietly(in);
      throw new RetriableException(TIMED_OUT, "body not received within " + timeout);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new RetriableException("net.io", "reading the body failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("net.interrupted", "interrupted while reading the body", e);
    }
  }

  private Duration remaining(long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new RetriableException(TIMED_OUT, "fetch exceeded " + timeout);
    }
    return Duration.ofNanos(left);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      LOG.debug("closing an abandoned response body failed", e);
    }
  }
}
