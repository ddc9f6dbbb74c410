package dev.bizo.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

class RouteTemplateTest {

  @Path("/leads")
  static class Leads {
    @Path("{id}/score")
    public void score() {}

    public void list() {}
  }

  @Path("money/")
  static class Money {
    @Path("/parse/")
    public void parse() {}
  }

  @Test
  void joins_class_and_method_paths_keeping_parameters_as_templates() throws Exception {
    assertThat(route(Leads.class, "score")).isEqualTo("/leads/{id}/score");
  }

  @Test
  void a_method_without_its_own_path_uses_the_class_path() throws Exception {
    assertThat(route(Leads.class, "list")).isEqualTo("/leads");
  }

  @Test
  void normalises_leading_and_trailing_slashes() throws Exception {
    assertThat(route(Money.class, "parse")).isEqualTo("/money/parse");
  }

  private static String route(Class<?> type, String method) throws NoSuchMethodException {
    return RouteTemplate.of(type.getAnnotation(Path.class), type.getMethod(method).getAnnotation(Path.class));
  }
}
