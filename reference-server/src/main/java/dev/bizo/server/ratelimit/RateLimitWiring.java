package dev.bizo.server.ratelimit;

import dev.bizo.core.config.BizoConfig;
import dev.bizo.ratelimit.RateLimiter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the server's one {@link RateLimiter} from configuration, as an embedding application would: limits
 * from {@code BIZO_API_RATE_LIMIT_PER_MINUTE} and {@code BIZO_TENANT_RATE_LIMIT_PER_MINUTE}, buckets in Redis
 * when {@code BIZO_REDIS_URL} is set (one budget for every replica), in process otherwise.
 */
@ApplicationScoped
public class RateLimitWiring {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimitWiring.class);

  @Inject BizoConfig config;
  @Inject Clock clock;

  private RateLimiter limiter;

  @PostConstruct
  void build() {
    limiter = RateLimiter.fromConfig(config, clock);
  }

  /** Builds the limiter at start, so a bad limit stops the start with its setting named rather than failing requests. */
  void eager(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.debug("Rate limiter ready: {}", limiter);
  }

  @PreDestroy
  void close() {
    limiter.close();
  }

  // Singleton, not ApplicationScoped: RateLimiter is final and cannot be proxied.
  @Produces
  @Singleton
  RateLimiter rateLimiter() {
    return limiter;
  }
}
