package dev.valuator.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.Http;
import dev.valuator.support.ValuatorTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ValuatorTest
class OperationsEndpointsTests {

    @LocalServerPort
    int port;

    @Test
    void healthIsUpWithTheDatabase() {
        var response = new Http(port).get("/actuator/health");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("status").asString()).isEqualTo("UP");
        assertThat(response.json().path("components").path("db").path("status").asString())
                .isEqualTo("UP");
    }

    @Test
    void infoCarriesBuildAndGit() {
        var info = new Http(port).get("/actuator/info").json();
        assertThat(info.path("build").path("artifact").asString()).isEqualTo("valuator");
        assertThat(info.has("git")).isTrue();
    }

    @Test
    void prometheusAndOpenApiAreServed() {
        Http http = new Http(port);
        assertThat(http.get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
        var docs = http.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("openapi").asString()).startsWith("3.");
        assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void unknownPathsAnswerTheContractsErrorBody() {
        var response = new Http(port).get("/no/such/thing");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error").asString()).isNotBlank();
    }
}
