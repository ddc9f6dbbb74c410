package dev.bizo.payments.paypal.internal;

import java.io.IOException;
import okhttp3.Call;
import okhttp3.EventListener;

/**
 * What the HTTP exchanges of one gateway operation got to, learned from OkHttp's call events on the
 * calling thread, so a failure before any byte of the request was written (connect timeout, TLS
 * handshake, DNS) is known never to have reached PayPal. {@code TransportFailures} alone can only tell
 * that from the exception type, which OkHttp does not make distinct for a connect timeout.
 *
 * <pre>{@code
 * RequestProgress progress = RequestProgress.begin();
 * try {
 *   ... SDK calls ...
 * } catch (IOException e) {
 *   if (progress.provesNeverSent(e)) { ... nothing reached PayPal ... }
 * } finally {
 *   progress.end();
 * }
 * }</pre>
 */
public final class RequestProgress {

  private static final ThreadLocal<RequestProgress> CURRENT = new ThreadLocal<>();

  private volatile boolean callStarted;
  private volatile boolean requestStarted;
  private volatile boolean movingRequestStarted;

  private RequestProgress() {}

  /** The listener factory to install on the OkHttp client; calls made outside an operation are not watched. */
  public static EventListener.Factory listeners() {
    return call -> {
      RequestProgress progress = CURRENT.get();
      return progress == null ? EventListener.NONE : progress.new Listener();
    };
  }

  /** Starts watching the calling thread's HTTP calls. */
  public static RequestProgress begin() {
    RequestProgress progress = new RequestProgress();
    CURRENT.set(progress);
    return progress;
  }

  /** Stops watching. */
  public void end() {
    CURRENT.remove();
  }

  /**
   * Whether {@code failure} hit the last call before any of its request was written, and no earlier call
   * of this operation sent anything but a read.
   */
  public boolean provesNeverSent(IOException failure) {
    return failure != null && callStarted && !requestStarted && !movingRequestStarted;
  }

  private final class Listener extends EventListener {
    @Override
    public void callStart(Call call) {
      callStarted = true;
      requestStarted = false;
    }

    @Override
    public void requestHeadersStart(Call call) {
      requestStarted = true;
      if (!"GET".equals(call.request().method())) {
        movingRequestStarted = true;
      }
    }
  }
}
