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
        var response = new Http(port).get("/actuator/health", Http.admin());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("status").asString()).isEqualTo("UP");
        assertThat(response.json().path("components").path("db").path("status").asString())
                .isEqualTo("UP");
        assertThat(response.json()
                        .path("components")
                        .path("diskSpace")
                        .path("details")
                        .has("path"))
                .isTrue();
    }

    @Test
    void anonymousCallersSeeTheStatusOnly() {
        Http http = new Http(port);
        for (String path :
                new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            var response = http.get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.json().path("status").asString()).as(path).isEqualTo("UP");
            assertThat(response.json().has("components")).as(path).isFalse();
            assertThat(response.json().has("details")).as(path).isFalse();
            assertThat(response.body()).as(path).doesNotContain("path", "diskSpace", "db");
        }
        var metrics = http.get("/actuator/metrics");
        assertThat(metrics.status()).isEqualTo(401);
        assertThat(metrics.json().path("error").asString()).contains("admin token");
        assertThat(http.get("/actuator/metrics/jvm.memory.used").status()).isEqualTo(401);
        assertThat(http.get("/actuator/metrics", Http.admin()).status()).isEqualTo(200);
        var info = http.get("/actuator/info").json();
        assertThat(info.has("os")).isFalse();
        assertThat(info.has("java")).isFalse();
    }

    @Test
    void pathsNotInCanonicalFormAre400WithTheContractsBody() {
        Http http = new Http(port);
        for (String path : new String[] {
            "/api/accounts;x",
            "/api;x/accounts",
            "/api/valuations/refresh;x",
            "/api/./accounts",
            "/api/x/../accounts",
            "//api/accounts",
            "/api/%2e/accounts",
            "/api/accounts%25",
            "/api/accounts%2F"
        }) {
            var response = http.get(path, Http.admin());
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/json");
            assertThat(response.json().path("error").asString()).as(path).isNotBlank();
        }
        var encodedLetter = http.get("/api/%61ccounts");
        assertThat(encodedLetter.status()).isEqualTo(401);
        assertThat(encodedLetter.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(encodedLetter.json().path("error").asString()).contains("admin token");
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
