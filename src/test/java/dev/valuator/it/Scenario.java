package dev.valuator.it;

import static dev.valuator.support.Http.admin;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.valuator.support.Http;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.TestDatabase;
import dev.valuator.support.TestEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Shared steps of the resilience scenarios: data, the stand-in's moods, refresh calls. */
final class Scenario {

    static final String SCHEDULED = "/api/valuations/refresh/scheduled";
    static final String CLIENT_TIMEOUT_NOTE = "no request may hang: every call here has a client timeout";
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Scenario() {}

    /** Fresh tables, a fast quiet market, and the WireMock stand-in up (the services call it). */
    static void prepare() {
        TestDatabase.require();
        TestEnvironment.install();
        TestDatabase.reset();
        market(0);
    }

    /** A Polygon-shaped market for AAPL and MSFT whose every answer takes {@code delayMillis}. */
    static void market(int delayMillis) {
        PolygonStandIn.market(delayMillis, java.time.Clock.systemUTC(), "AAPL", "MSFT");
    }

    /** The id of the one run the service has in flight, once it is there. */
    static String awaitTheRunningJob() {
        await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.jobs("RUNNING") == 1);
        return TestDatabase.query("SELECT job_id::text AS id FROM refresh_jobs WHERE status = 'RUNNING'")
                .getFirst()
                .get("id")
                .toString();
    }

    /** Account acc-1 holding AAPL and MSFT, imported against a quiet market (no splits), which stays set. */
    static void seedAccount(ServiceProcess service) {
        PolygonStandIn.server().resetAll(); // the import asks for AAPL's and MSFT's splits: "none"
        seedAccountOnCurrentMarket(service);
        market(0); // the reset took the market away; scenarios that want another one set it after
    }

    /** Account acc-1 imported against the market the scenario has set (its splits are learned then). */
    static void seedAccountOnCurrentMarket(ServiceProcess service) {
        Http http = service.http();
        assertThat(http.put("/api/accounts/acc-1", "{\"name\":\"Main\"}", admin(json()))
                        .status())
                .isEqualTo(200);
        assertThat(http.post(
                                "/api/accounts/acc-1/trades",
                                "{\"trades\":[{\"symbol\":\"AAPL\",\"tradeDate\":\"2026-01-05\",\"side\":\"BUY\","
                                        + "\"quantity\":10,\"price\":90},{\"symbol\":\"MSFT\",\"tradeDate\":"
                                        + "\"2026-02-02\",\"side\":\"BUY\",\"quantity\":5,\"price\":300}]}",
                                admin(json()))
                        .status())
                .isEqualTo(200);
    }

    /** A cron call answered at once (202) with the job id of the run going on in the background. */
    static String startAsync(ServiceProcess service) {
        Http.Response response = service.http()
                .post(SCHEDULED, "{}", json("x-cron-secret", TestEnvironment.CRON_SECRET, "Prefer", "respond-async"));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().path("data").path("jobId").asString();
    }

    /** A synchronous cron call (the runbook's), bounded by {@code timeout}. */
    static CompletableFuture<HttpResponse<String>> cronCall(ServiceProcess service, Duration timeout) {
        return CLIENT.sendAsync(
                HttpRequest.newBuilder(URI.create(service.base() + SCHEDULED))
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .header("x-cron-secret", TestEnvironment.CRON_SECRET)
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> cronCallNow(ServiceProcess service) {
        try {
            return cronCall(service, Duration.ofSeconds(120)).get();
        } catch (Exception e) {
            throw new AssertionError("cron call failed: " + e, e);
        }
    }

    static HttpResponse<String> get(ServiceProcess service, String path, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.base() + path))
                    .timeout(Duration.ofSeconds(30))
                    .GET();
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void log(String scenario, String message) {
        System.out.println("[resilience] " + scenario + ": " + message);
    }
}
