package dev.bizo.server.health;

import dev.bizo.crm.search.BackgroundModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports where the search model's background load is ({@code NOT_STARTED}, {@code LOADING}, {@code READY}
 * or {@code FAILED}) and is always UP: readiness never waits for the model. Searches made before it is
 * {@code READY} are answered 503 {@code search.model_loading} with {@code Retry-After}.
 */
@Readiness
@ApplicationScoped
public class SearchModelState implements HealthCheck {

  @Inject BackgroundModel searchModel;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("search-model").up().withData("state", searchModel.state().name()).build();
  }
}
