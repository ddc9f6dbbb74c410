package dev.bizo.webhooks;

import dev.bizo.webhooks.spi.WebhookTransport;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The delivery state machine, driven by a clock: {@link #start} a delivery, {@link #attempt} it whenever it
 * is due, {@link #redeliver} it by hand. It holds no state of its own; a scheduled job calls it with states
 * loaded from the outbox and saves what it returns.
 */
public final class WebhookDelivery {

  private final DeliveryPolicy policy;
  private final WebhookTransport sender;
  private final Clock clock;
  private final RandomGenerator random;

  /**
   * A delivery engine.
   *
   * @param policy the retry policy
   * @param sender the transport of each attempt, e.g. a {@link WebhookSender}
   * @param clock the clock
   * @param random the jitter source
   */
  public WebhookDelivery(DeliveryPolicy policy, WebhookTransport sender, Clock clock, RandomGenerator random) {
    this.policy = Objects.requireNonNull(policy);
    this.sender = Objects.requireNonNull(sender);
    this.clock = Objects.requireNonNull(clock);
    this.random = Objects.requireNonNull(random);
  }

  /**
   * A new delivery, due now.
   *
   * @param message the message
   * @param endpoint the endpoint
   * @return the pending state
   */
  public DeliveryState start(WebhookMessage message, WebhookEndpoint endpoint) {
    return new DeliveryState(message.id(), endpoint.id(), DeliveryState.Status.PENDING, List.of(),
        Optional.of(clock.instant()));
  }

  /**
   * Makes one attempt if the delivery is due; otherwise returns it unchanged. A disabled endpoint ends the
   * delivery without sending.
   *
   * @param state the current state
   * @param endpoint the endpoint
   * @param message the message
   * @return the new state
   */
  public DeliveryState attempt(DeliveryState state, WebhookEndpoint endpoint, WebhookMessage message) {
    Instant now = clock.instant();
    if (!state.isDue(now)) {
      return state;
    }
    if (!endpoint.enabled()) {
      return new DeliveryState(state.messageId(), state.endpointId(), DeliveryState.Status.ENDPOINT_DISABLED,
          state.attempts(), Optional.empty());
    }
    AttemptResponse response = sender.send(endpoint, message, now, policy.attemptTimeout());
    return record(state, now, response);
  }

  /**
   * Applies an attempt's response to a state (the pure part of {@link #attempt}).
   *
   * @param state the state before
   * @param at when the attempt was made
   * @param response what came back
   * @return the state after
   */
  public DeliveryState record(DeliveryState state, Instant at, AttemptResponse response) {
    DeliveryPolicy.Verdict verdict = policy.judge(response);
    List<DeliveryAttempt> log = new ArrayList<>(state.attempts());
    log.add(new DeliveryAttempt(log.size() + 1, at, response, verdict));
    switch (verdict) {
      case SUCCESS:
        return new DeliveryState(state.messageId(), state.endpointId(), DeliveryState.Status.DELIVERED, log,
            Optional.empty());
      case DISABLE:
        return new DeliveryState(state.messageId(), state.endpointId(), DeliveryState.Status.ENDPOINT_DISABLED,
            log, Optional.empty());
      case RETRY:
        Optional<Instant> next = policy.delayAfter(log.size(), random).map(at::plus);
        return new DeliveryState(state.messageId(), state.endpointId(),
            next.isPresent() ? DeliveryState.Status.PENDING : DeliveryState.Status.FAILED, log, next);
      default:
        return new DeliveryState(state.messageId(), state.endpointId(), DeliveryState.Status.FAILED, log,
            Optional.empty());
    }
  }

  /**
   * Manual redelivery: the message is due now again, keeping its attempt log. Once the schedule is used up,
   * a redelivered message gets exactly one more attempt.
   *
   * @param state the state (typically FAILED)
   * @return the pending state
   */
  public DeliveryState redeliver(DeliveryState state) {
    return new DeliveryState(state.messageId(), state.endpointId(), DeliveryState.Status.PENDING,
        state.attempts(), Optional.of(clock.instant()));
  }
}
