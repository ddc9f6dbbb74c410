package dev.bizo.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OperationIdsTest {

  @ParameterizedTest(name = "{1} {0} is {2}")
  @CsvSource({
      // a bare verb on the resource takes the thing the resource serves
      "PaymentResource_create, POST, createPayment",
      "LeadResource_get, GET, getLead",
      "ApiKeyResource_revoke, DELETE, revokeApiKey",
      "LeadResource_update, PUT, updateLead",
      // listing and searching take the plural
      "LeadResource_list, GET, listLeads",
      "BrandNoteResource_search, GET, searchBrandNotes",
      "ActivityResource_list, GET, listActivities",
      // a GET named by a noun reads as getting it
      "MeResource_me, GET, getMe",
      "LeadResource_statusHistory, GET, getStatusHistory",
      // a method already named by what it does keeps its name
      "LeadResource_importLeads, POST, importLeads",
      "PaymentResource_voidPayment, POST, voidPayment",
      "UserResource_getByEmail, GET, getByEmail",
      "ScoringResource_listModels, GET, listModels",
      // a nested resource class is named without its outer class
      "Outer$PaymentResource_create, POST, createPayment",
  })
  void names_a_generated_operation_id_after_the_resource_method(String generated, String httpMethod, String expected) {
    assertThat(OperationIds.fromGenerated(generated, httpMethod)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"listAuditEvents", "sign_up", "_create", "LeadResource_", "Resource_create"})
  void keeps_an_operation_id_that_is_not_class_underscore_method(String annotated) {
    assertThat(OperationIds.fromGenerated(annotated, "GET")).isEmpty();
  }

  @Test
  void the_name_depends_only_on_the_resource_and_its_method() {
    assertThat(OperationIds.of("Payment", "list", "GET")).isEqualTo(OperationIds.of("Payment", "list", "get"));
  }
}
