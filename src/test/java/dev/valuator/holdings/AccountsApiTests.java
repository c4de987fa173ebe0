package dev.valuator.holdings;

import static dev.valuator.support.Http.admin;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.RunningService;
import dev.valuator.support.ValuatorTest;
import org.junit.jupiter.api.Test;

@ValuatorTest
class AccountsApiTests extends RunningService {

    @Test
    void createsRenamesAndReadsAnAccount() {
        var created = http.put("/api/accounts/acc-1", "{\"name\":\"Main\"}", admin(json()));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("data").path("accountId").asString()).isEqualTo("acc-1");
        assertThat(created.json().path("data").path("name").asString()).isEqualTo("Main");
        String createdAt = created.json().path("data").path("createdAt").asString();
        assertThat(createdAt).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");

        var renamed = http.put("/api/accounts/acc-1", "{\"name\":\"Retirement\"}", admin(json()));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().path("data").path("name").asString()).isEqualTo("Retirement");
        assertThat(renamed.json().path("data").path("createdAt").asString()).isEqualTo(createdAt);

        var read = http.get("/api/accounts/acc-1", admin());
        assertThat(read.json().path("data").path("name").asString()).isEqualTo("Retirement");
        var list = http.get("/api/accounts", admin());
        assertThat(list.json().path("data")).hasSize(1);
        assertThat(list.json().path("pagination").path("total").asLong()).isEqualTo(1);
    }

    @Test
    void unknownAccountIs404() {
        var response = http.get("/api/accounts/nobody", admin());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error").asString()).contains("nobody");
    }

    @Test
    void badAccountIdsAndBodiesAre400() {
        assertThat(http.put("/api/accounts/bad%20id", "{\"name\":\"x\"}", admin(json()))
                        .status())
                .isEqualTo(400);
        assertThat(http.put("/api/accounts/" + "a".repeat(65), "{\"name\":\"x\"}", admin(json()))
                        .status())
                .isEqualTo(400);
        var unknownField = http.put("/api/accounts/acc-1", "{\"nmae\":\"x\"}", admin(json()));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().path("details").get(0).path("field").asString())
                .isEqualTo("nmae");
        assertThat(http.put("/api/accounts/acc-1", "{\"name\":\"\"}", admin(json()))
                        .status())
                .isEqualTo(400);
        assertThat(http.put("/api/accounts/acc-1", "{\"name\":12}", admin(json()))
                        .status())
                .isEqualTo(400);
        assertThat(http.put("/api/accounts/acc-1", "{\"name\":", admin(json())).status())
                .isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM accounts", Long.class))
                .isZero();
    }

    @Test
    void adminTokenIsRequired() {
        assertThat(http.get("/api/accounts").status()).isEqualTo(401);
        assertThat(http.get("/api/accounts", "Authorization", "Bearer wrong").status())
                .isEqualTo(401);
        assertThat(http.get("/api/accounts", "Authorization", "Bearer " + "x".repeat(27))
                        .status())
                .isEqualTo(401);
        assertThat(http.get("/api/accounts", "Authorization", "Basic dGVzdA==").status())
                .isEqualTo(401);
        var unauthorized = http.put("/api/accounts/acc-1", "{\"name\":\"x\"}", json());
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.json().path("error").asString()).startsWith("Unauthorized");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM accounts", Long.class))
                .isZero();
    }
}
