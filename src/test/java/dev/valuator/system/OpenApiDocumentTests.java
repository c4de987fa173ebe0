package dev.valuator.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.Http;
import dev.valuator.support.ValuatorTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The generated OpenAPI document describes the contract of docs/api.md. It is written to
 * {@code target/openapi.json}, where {@code .ci/run} lints it with Redocly.
 */
@ValuatorTest
class OpenApiDocumentTests {

    static final Path DOCUMENT = Path.of("target/openapi.json");

    @LocalServerPort
    int port;

    @Test
    void describesTheContract() throws IOException {
        Http.Response response = new Http(port).get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        Files.createDirectories(DOCUMENT.getParent());
        Files.writeString(DOCUMENT, response.body());

        JsonNode doc = response.json();
        assertThat(doc.path("paths").has("/error")).isFalse();
        assertThat(doc.path("components").path("securitySchemes").propertyNames())
                .contains("cronSecret", "adminToken", "metricsToken");
    }
}
