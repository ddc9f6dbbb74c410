import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's HEALTHCHECK: the runtime image has no shell and no curl, so the JRE itself asks the
 * readiness endpoint. Exits 0 on HTTP 200, 1 on anything else (including no answer). Compiled in the
 * build stage; the URL is the first argument.
 */
public final class HealthProbe {

  private HealthProbe() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: java -cp <dir> HealthProbe <url>");
      System.exit(2);
    }
    // HTTP/1.1: the JDK's default (HTTP/2) offers "Upgrade: h2c" on http:// URLs, which a proxy or sidecar with an
    // upgrade listener (Node's) never answers. The same rule as dev.bizo.core.http.OutboundHttp, which this
    // dependency-free program cannot load.
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(args[0])).timeout(Duration.ofSeconds(3)).build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      System.out.println(args[0] + " -> " + status);
      System.exit(status == 200 ? 0 : 1);
    } catch (java.io.IOException e) {
      System.out.println(args[0] + " -> no answer: " + e);
      System.exit(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.exit(1);
    }
  }
}
