package dev.valuator.support;

import static dev.valuator.support.Http.admin;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Ledger fixtures created through the API, as a user would. */
public final class Ledgers {

    private Ledgers() {}

    /**
     * Account {@code accountId} holding 10 AAPL bought at 90 on 2026-01-05. Resets the Polygon
     * stand-in first (the import asks it for AAPL's splits; an unstubbed answer is "none").
     */
    public static void anAccountHoldingApple(Http http, String accountId) {
        PolygonStandIn.server().resetAll();
        assertThat(http.put("/api/accounts/" + accountId, "{\"name\":\"Main\"}", admin(json()))
                        .status())
                .isEqualTo(200);
        assertThat(http.post(
                                "/api/accounts/" + accountId + "/trades",
                                "{\"trades\":[{\"symbol\":\"AAPL\",\"tradeDate\":\"2026-01-05\",\"side\":\"BUY\","
                                        + "\"quantity\":10,\"price\":90}]}",
                                admin(json()))
                        .status())
                .isEqualTo(200);
    }
}
