package dev.valuator.holdings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.Http;
import dev.valuator.support.ValuatorTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@ValuatorTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "VALUATION_ADMIN_TOKEN=")
class AdminTokenUnsetTests {

    @LocalServerPort
    int port;

    @Test
    void adminEndpointsAnswer500NamingTheVariable() {
        var response = new Http(port).get("/api/accounts", Http.admin());
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().path("error").asString()).isEqualTo("VALUATION_ADMIN_TOKEN not configured");
        assertThat(new Http(port).get("/api/prices/AAPL").status()).isEqualTo(500);
    }
}
