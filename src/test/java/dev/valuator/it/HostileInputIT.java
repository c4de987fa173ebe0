package dev.valuator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.TestDatabase;
import dev.valuator.support.TestEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scenario 7: generated malformed requests across every endpoint. Each must be answered with a
 * 4xx and the contract's JSON error body; none with a 5xx; no job row recorded; the service stays
 * healthy. Seeded: the seed is printed, {@code -Dhostile.seed=…} replays a run,
 * {@code -Dhostile.count=…} changes the number of requests (default 400).
 */
class HostileInputIT extends ScenarioIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ADMIN = "Bearer " + TestEnvironment.ADMIN_TOKEN;
    static final String CRON = TestEnvironment.CRON_SECRET;

    ServiceProcess service;

    /** One generated request. */
    record Case(String kind, String method, String path, Map<String, String> headers, byte[] body) {
        String describe() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
            return kind + " " + method + " " + (path.length() > 200 ? path.substring(0, 200) + "…" : path) + " "
                    + headers + " body(" + (body == null ? 0 : body.length) + ")="
                    + shown.replaceAll("\\p{Cntrl}", "?");
        }
    }

    @Test
    void everyMalformedRequestGetsA4xxWithAJsonErrorAndNothingIsRecorded() throws Exception {
        long seed = Long.getLong("hostile.seed", System.nanoTime());
        int count = Integer.getInteger("hostile.count", 400);
        Scenario.log(
                "hostile input", "seed " + seed + " (replay with -Dhostile.seed=" + seed + "), " + count + " requests");
        service = closedAfter(ServiceProcess.start("hostile-input", Map.of()));
        Scenario.seedAccount(service);
        long accountsBefore = TestDatabase.count("SELECT count(*) FROM accounts");
        long tradesBefore = TestDatabase.count("SELECT count(*) FROM trades");

        Random random = new Random(seed);
        List<Function<Random, Case>> generators = generators();
        Map<String, Integer> byKind = new LinkedHashMap<>();
        Map<Integer, Integer> byStatus = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Case c = generators.get(random.nextInt(generators.size())).apply(random);
            byKind.merge(c.kind(), 1, Integer::sum);
            HttpResponse<String> response;
            try {
                response = send(c);
            } catch (IOException e) {
                problems.add("#" + i + " no answer (" + e + "): " + c.describe());
                continue;
            }
            int status = response.statusCode();
            byStatus.merge(status, 1, Integer::sum);
            String problem = check(response);
            if (problem != null) {
                problems.add("#" + i + " " + status + " " + problem + ": " + c.describe() + " -> "
                        + abbreviate(response.body()));
            }
        }
        Scenario.log("hostile input", "by kind " + byKind + "; by status " + byStatus);
        problems.stream().limit(40).forEach(p -> Scenario.log("hostile input", "PROBLEM " + p));

        assertThat(problems).as("seed " + seed).isEmpty();
        assertThat(byStatus.keySet()).allMatch(s -> s >= 400 && s < 500);
        assertThat(TestDatabase.count("SELECT count(*) FROM refresh_jobs")).isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM accounts")).isEqualTo(accountsBefore);
        assertThat(TestDatabase.count("SELECT count(*) FROM trades")).isEqualTo(tradesBefore);
        assertThat(service.healthStatus()).isEqualTo(200);
        assertThat(service.isAlive()).isTrue();
    }

    private static String check(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status < 400 || status >= 500) {
            return "not a 4xx";
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json")) {
            return "Content-Type " + type + " is not JSON";
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (!body.path("error").isString() || body.path("error").asString().isBlank()) {
                return "no \"error\" string";
            }
        } catch (RuntimeException e) {
            return "body is not JSON";
        }
        return null;
    }

    private HttpResponse<String> send(Case c) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = c.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(c.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(service.base() + c.path()))
                .timeout(Duration.ofSeconds(30))
                .method(c.method(), body);
        c.headers().forEach(builder::header);
        return Scenario.CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    // ------------------------------------------------------------------ the generator

    static final String[] INJECTIONS = {
        "acc-1' OR '1'='1",
        "acc-1; DROP TABLE refresh_jobs;--",
        "AAPL'--",
        "AAPL\"); DELETE FROM trades; --",
        "../../etc/passwd",
        "..\\..\\windows\\win.ini",
        "%2e%2e%2f%2e%2e%2f",
        "${jndi:ldap://127.0.0.1/x}",
        "<script>alert(1)</script>",
        "AAPL\u0000",
        "ĀĀPL",
        "\u202eLPAA",
        "1 UNION SELECT pg_sleep(10)",
        "' OR pg_advisory_lock(482175) IS NOT NULL --",
        "*",
        " ",
        "aapl",
        "A".repeat(17),
        "x".repeat(65),
    };

    static final String[] REFRESH_POSTS = {"/api/valuations/refresh/scheduled", "/api/valuations/refresh"};

    static Map<String, String> refreshAuth(String path) {
        return path.endsWith("/scheduled") ? Map.of("x-cron-secret", CRON) : Map.of("Authorization", ADMIN);
    }

    static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> all = new LinkedHashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return all;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String pathSegment(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    static String jsonString(String raw) {
        return JSON.writeValueAsString(raw);
    }

    /** A refresh body that the contract rejects. */
    static String badRefreshBody(Random r) {
        return switch (r.nextInt(16)) {
            case 0 -> {
                String valid = "{\"accountId\":\"acc-1\",\"symbols\":[\"AAPL\",\"MSFT\"],\"from\":\"2026-01-05\"}";
                yield valid.substring(0, 1 + r.nextInt(valid.length() - 2)); // broken JSON
            }
            case 1 -> {
                int depth = 50 + r.nextInt(5000);
                yield "{\"symbols\":" + "[".repeat(depth) + "]".repeat(depth) + "}"; // deep nesting
            }
            case 2 -> {
                int depth = 50 + r.nextInt(3000);
                yield "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            }
            case 3 -> "{\"accountId\":\"" + "x".repeat(1000 + r.nextInt(1_000_000)) + "\"}"; // huge string
            case 4 -> {
                StringBuilder symbols = new StringBuilder("{\"symbols\":[");
                int n = 501 + r.nextInt(20_000); // huge array (the limit is 500)
                for (int i = 0; i < n; i++) {
                    symbols.append(i == 0 ? "" : ",").append("\"S").append(i).append('"');
                }
                yield symbols.append("]}").toString();
            }
            case 5 ->
                pick(r, new String[] {
                    "{\"symbols\":\"AAPL\"}",
                    "{\"symbols\":{\"a\":1}}",
                    "{\"from\":true}",
                    "{\"to\":{\"year\":2026}}",
                    "{\"from\":\"2026-13-45\"}",
                    "{\"to\":\"yesterday\"}",
                    "{\"accountId\":[]}",
                    "{\"accountId\":{}}",
                    "{\"symbols\":[]}",
                    "{\"symbols\":[[\"AAPL\"]]}",
                    "{\"symbols\":[{}]}",
                    "{\"symbols\":[1.5e300]}",
                    "[]",
                    "[{}]",
                    "\"refresh\"",
                    "42",
                    "true",
                }); // wrong types
            case 6 -> "{\"accountId\":" + jsonString("acc" + (char) r.nextInt(32) + "1") + "}"; // control character
            case 7 -> "{\"symbols\":[\"AA" + (char) (1 + r.nextInt(31)) + "PL\"]}"; // raw control char: invalid JSON
            case 8 -> "{\"accountId\":" + jsonString(pick(r, INJECTIONS)) + "}";
            case 9 -> "{\"symbols\":[" + jsonString(pick(r, INJECTIONS)) + "]}";
            case 10 -> "{\"form\":\"2026-01-05\"}"; // unknown field (a typo must not widen a run)
            case 11 -> "{\"from\":\"2026-03-01\",\"to\":\"2026-02-01\"}";
            case 12 -> "{\"to\":\"2099-01-01\"}";
            case 13 -> "{\"from\":\"1990-01-01\"}";
            case 14 -> pick(r, new String[] {"{} {}", "{}x", "{\"symbols\":[\"AAPL\"]}]"}); // trailing tokens
            default -> "{\"accountId\":\"no-such-account-" + r.nextInt(1000) + "\"}";
        };
    }

    /** A trades payload for the existing account that must be rejected whole. */
    static Case badTrades(Random r) {
        String path = "/api/accounts/acc-1/trades";
        if (r.nextInt(4) == 0) {
            String csv = pick(r, new String[] {
                "symbol,tradeDate,side,quantity,price,fees,externalId\nAAPL,2026-01-05,HOLD,1,1,,\n",
                "sym,date\nAAPL,2026-01-05\n",
                "symbol,tradeDate,side,quantity,price,fees,externalId\nAAPL,not-a-date,BUY,1,1,,\n",
                "symbol,tradeDate,side,quantity,price,fees,externalId\n\"AAPL,2026-01-05,BUY,1,1,,\n",
                "symbol,tradeDate,side,quantity,price,fees,externalId\nAAPL'--,2026-01-05,BUY,1,1,,\n",
                "symbol,tradeDate,side,quantity,price,fees,externalId\nMSFT,2026-01-06,SELL,1000000,1,,\n",
                "\u0000\u0001\u0002",
            });
            return new Case(
                    "trades-csv", "POST", path, Map.of("Authorization", ADMIN, "Content-Type", "text/csv"), utf8(csv));
        }
        String trade = pick(r, new String[] {
            "{\"symbol\":\"AAPL\",\"tradeDate\":\"2026-01-05\",\"side\":\"HOLD\",\"quantity\":1,\"price\":1}",
            "{\"symbol\":\"AAPL\",\"tradeDate\":\"2026-01-05\",\"side\":\"BUY\",\"quantity\":-1,\"price\":1}",
            "{\"symbol\":\"AAPL\",\"tradeDate\":\"2026-01-05\",\"side\":\"BUY\",\"quantity\":\"ten\",\"price\":1}",
            "{\"symbol\":\"AAPL\",\"tradeDate\":\"2026-02-30\",\"side\":\"BUY\",\"quantity\":1,\"price\":1}",
            "{\"symbol\":\"AAPL\",\"tradeDate\":\"2026-01-05\",\"side\":\"BUY\",\"quantity\":1e400,\"price\":1}",
            "{\"symbol\":\"AAPL\",\"tradeDate\":\"2026-01-05\",\"side\":\"BUY\",\"quantity\":1,\"price\":0}",
            "{\"symbol\":\"AAPL\",\"tradeDate\":\"2026-01-05\",\"side\":\"BUY\"}",
            "{\"symbol\":" + jsonString(pick(r, INJECTIONS))
                    + ",\"tradeDate\":\"2026-01-05\",\"side\":\"BUY\",\"quantity\":1,\"price\":1}",
            "{\"symbol\":\"MSFT\",\"tradeDate\":\"2026-01-06\",\"side\":\"SELL\",\"quantity\":100000,\"price\":1}",
            "{\"symbol\":\"AAPL\",\"tradeDate\":\"2026-01-05\",\"side\":\"BUY\",\"quantity\":1,\"price\":1,\"externalId\":\""
                    + "e".repeat(129) + "\"}",
            "{\"symbol\":\"AAPL\",\"tradeDate\":\"2026-01-05\",\"side\":\"BUY\",\"quantity\":1,\"price\":1,\"extra\":1}",
            "[]",
            "null",
        });
        String body = switch (r.nextInt(4)) {
            case 0 -> "{\"trades\":[" + trade + "]}";
            case 1 -> {
                StringBuilder many = new StringBuilder("{\"trades\":[");
                int n = 2 + r.nextInt(3000);
                String good =
                        "{\"symbol\":\"AAPL\",\"tradeDate\":\"2026-01-05\",\"side\":\"BUY\",\"quantity\":1,\"price\":1}";
                int bad = r.nextInt(n);
                for (int i = 0; i < n; i++) {
                    many.append(i == 0 ? "" : ",").append(i == bad ? trade : good);
                }
                yield many.append("]}").toString(); // all-or-nothing: one bad row rejects all
            }
            case 2 ->
                pick(r, new String[] {"{\"trades\":{}}", "{\"trades\":\"x\"}", "{\"trade\":[]}", "{\"trades\":[", "{}"
                });
            default -> badRefreshBody(r);
        };
        return new Case(
                "trades-json",
                "POST",
                path,
                Map.of("Authorization", ADMIN, "Content-Type", "application/json"),
                utf8(body));
    }

    static List<Function<Random, Case>> generators() {
        List<Function<Random, Case>> g = new ArrayList<>();
        // refresh bodies (valid auth, so validation itself is what is exercised)
        Function<Random, Case> refreshBody = r -> {
            String path = pick(r, REFRESH_POSTS);
            return new Case(
                    "refresh-body",
                    "POST",
                    path,
                    with(refreshAuth(path), "Content-Type", "application/json"),
                    utf8(badRefreshBody(r)));
        };
        g.add(refreshBody);
        g.add(refreshBody);
        g.add(refreshBody);
        g.add(refreshBody);
        // missing or wrong credentials, on every protected endpoint
        g.add(r -> {
            String[][] targets = {
                {"POST", "/api/valuations/refresh/scheduled"},
                {"GET", "/api/valuations/refresh/scheduled"},
                {"POST", "/api/valuations/refresh"},
                {"PUT", "/api/accounts/acc-2"},
                {"GET", "/api/accounts"},
                {"GET", "/api/accounts/acc-1"},
                {"POST", "/api/accounts/acc-1/trades"},
                {"GET", "/api/accounts/acc-1/trades"},
                {"DELETE", "/api/accounts/acc-1/trades/1"},
                {"GET", "/api/accounts/acc-1/snapshots"},
                {"GET", "/api/accounts/acc-1/valuations"},
                {"GET", "/api/prices/AAPL"},
            };
            String[] target = pick(r, targets);
            String[][] credentials = {
                {},
                {"Authorization", "Bearer wrong"},
                {"Authorization", "Bearer " + TestEnvironment.ADMIN_TOKEN.substring(1)},
                {"Authorization", "Basic " + TestEnvironment.ADMIN_TOKEN},
                {"Authorization", "Bearer " + CRON},
                {"Authorization", "Bearer ' OR '1'='1"},
                {"x-cron-secret", "wrong"},
                {"x-cron-secret", TestEnvironment.ADMIN_TOKEN},
                {"x-cron-secret", "x".repeat(4000)},
            };
            String[] credential = pick(r, credentials);
            if (target[1].endsWith("/scheduled") && credential.length == 2 && credential[1].equals("Bearer " + CRON)) {
                credential = new String[] {}; // the cron secret as Bearer is accepted there by contract
            }
            if (!target[1].endsWith("/scheduled") && credential.length == 2 && credential[0].equals("x-cron-secret")) {
                credential = new String[] {"Authorization", "Bearer " + CRON}; // the cron secret is not an admin token
            }
            Map<String, String> headers = with(Map.of("Content-Type", "application/json"), credential);
            byte[] body = target[0].equals("POST") || target[0].equals("PUT") ? utf8("{\"name\":\"x\"}") : null;
            if (target[1].contains("/refresh")) {
                body = target[0].equals("POST") ? utf8("{}") : null;
            }
            return new Case("auth", target[0], target[1], headers, body);
        });
        // wrong content types
        g.add(r -> {
            String[][] targets = {
                {"POST", "/api/valuations/refresh/scheduled", "{}"},
                {"POST", "/api/valuations/refresh", "{}"},
                {"POST", "/api/accounts/acc-1/trades", "{\"trades\":[]}"},
                {"PUT", "/api/accounts/acc-3", "{\"name\":\"x\"}"},
            };
            String[] target = pick(r, targets);
            String type = pick(r, new String[] {
                "text/plain",
                "application/xml",
                "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded",
                "image/png",
                "application/octet-stream",
                "application/json; charset=ebcdic",
                "*/*",
                "garbage",
            });
            Map<String, String> headers = with(
                    target[1].endsWith("/scheduled") ? Map.of("x-cron-secret", CRON) : Map.of("Authorization", ADMIN),
                    "Content-Type",
                    type);
            return new Case("content-type", target[0], target[1], headers, utf8(target[2]));
        });
        // oversize bodies (the limit is VALUATION_MAX_REQUEST_BYTES = 5 MiB)
        g.add(r -> {
            String path = pick(r, new String[] {
                "/api/valuations/refresh/scheduled",
                "/api/valuations/refresh",
                "/api/accounts/acc-1/trades",
                "/api/accounts/acc-4",
            });
            // over the limit by less than server.tomcat.max-swallow-size (2 MB): Tomcat drains the rest
            // after the 413, so the client always reads it. Beyond that Tomcat closes the connection
            // after writing the 413, and a client still streaming its body may see only the reset.
            int size = 5 * 1024 * 1024 + 1 + r.nextInt(1024 * 1024);
            byte[] body = new byte[size];
            java.util.Arrays.fill(body, (byte) ' ');
            body[0] = '{';
            body[size - 1] = '}';
            Map<String, String> headers = with(
                    path.endsWith("/scheduled") ? Map.of("x-cron-secret", CRON) : Map.of("Authorization", ADMIN),
                    "Content-Type",
                    "application/json");
            return new Case("oversize", path.startsWith("/api/accounts/acc-4") ? "PUT" : "POST", path, headers, body);
        });
        // bad job ids
        g.add(r -> {
            String id = pick(r, new String[] {
                "not-a-uuid",
                "1234",
                "00000000-0000-0000-0000-00000000000g",
                "00000000-0000-0000-0000-0000000000000",
                pathSegment("1' OR '1'='1"),
                "%00",
                pathSegment("../../etc/passwd"),
                "x".repeat(1 + r.nextInt(3000)),
                java.util.UUID.randomUUID().toString(), // unknown: 404
                java.util.UUID.randomUUID().toString().replace("-", ""),
            });
            return new Case("job-id", "GET", "/api/valuations/refresh/jobs/" + id, Map.of(), null);
        });
        // bad query values
        g.add(r -> {
            String bad = pathSegment(pick(r, new String[] {
                "0", "101", "-1", "abc", "1e3", "9999999999999999999999", "", " ", "1;DROP TABLE refresh_jobs", "NaN",
            }));
            String path = switch (r.nextInt(9)) {
                case 0 -> "/api/valuations/refresh/jobs?limit=" + bad;
                case 1 ->
                    "/api/valuations/refresh/jobs?offset="
                            + pick(r, new String[] {"-1", "abc", "1.5", "99999999999999999999"});
                case 2 ->
                    "/api/valuations/refresh/jobs?status="
                            + pathSegment(pick(r, new String[] {"BOGUS", "RUNNING'--", "", "*", "SUCCEEDED,FAILED"}));
                case 3 ->
                    "/api/valuations/refresh/jobs?trigger="
                            + pathSegment(pick(r, new String[] {"TIMER", "CRON", "x", "MANUAL' OR 1=1"}));
                case 4 ->
                    "/api/valuations/refresh/alerts?lookbackHours="
                            + pick(r, new String[] {"0", "721", "abc", "1.5", "-24", "99999999999"});
                case 5 -> "/api/valuations/refresh/jobs?limit=10&limit=" + bad;
                case 6 ->
                    "/api/prices/AAPL?from="
                            + pathSegment(pick(r, new String[] {"2026-13-01", "yesterday", "' OR 1=1"}));
                case 7 -> "/api/prices/AAPL?from=2026-03-01&to=2026-02-01";
                default -> "/api/prices/AAPL?to=" + pathSegment(pick(r, new String[] {"2026-02-30", "x", "20260101"}));
            };
            boolean admin = path.startsWith("/api/prices");
            return new Case("query", "GET", path, admin ? Map.of("Authorization", ADMIN) : Map.of(), null);
        });
        // injection and malformed ids in paths
        g.add(r -> {
            String injected = pick(r, INJECTIONS);
            if (injected.matches("[A-Za-z0-9_.:-]{1,64}")) {
                injected = injected + "'"; // a valid account id would just create an account
            }
            String segment = r.nextBoolean()
                    ? pathSegment(injected)
                    : pick(r, new String[] {
                        "..%2F..%2Fetc%2Fpasswd",
                        "%2e%2e%2f",
                        "a%00b",
                        "acc-1%0d%0aX-Injected:%201",
                        "%ff%fe",
                        "x".repeat(65 + r.nextInt(4000)),
                    });
            return switch (r.nextInt(6)) {
                case 0 -> new Case("path", "GET", "/api/accounts/" + segment, Map.of("Authorization", ADMIN), null);
                case 1 -> new Case("path", "GET", "/api/prices/" + segment, Map.of("Authorization", ADMIN), null);
                case 2 ->
                    new Case(
                            "path",
                            "PUT",
                            "/api/accounts/" + segment,
                            Map.of("Authorization", ADMIN, "Content-Type", "application/json"),
                            utf8("{\"name\":\"x\"}"));
                case 3 ->
                    new Case(
                            "path",
                            "POST",
                            "/api/accounts/" + segment + "/trades",
                            Map.of("Authorization", ADMIN, "Content-Type", "application/json"),
                            utf8(
                                    "{\"trades\":[{\"symbol\":\"AAPL\",\"tradeDate\":\"2026-01-05\",\"side\":\"BUY\",\"quantity\":1,\"price\":1}]}"));
                case 4 ->
                    new Case(
                            "path",
                            "DELETE",
                            "/api/accounts/acc-1/trades/" + segment,
                            Map.of("Authorization", ADMIN),
                            null);
                default ->
                    new Case(
                            "path",
                            "GET",
                            "/api/accounts/" + segment + "/trades",
                            Map.of("Authorization", ADMIN),
                            null);
            };
        });
        // trades payloads
        g.add(HostileInputIT::badTrades);
        g.add(HostileInputIT::badTrades);
        // account bodies
        g.add(r -> {
            String body = pick(r, new String[] {
                "{\"name\":\"\"}",
                "{\"name\":\"" + "n".repeat(201 + r.nextInt(100_000)) + "\"}",
                "{\"name\":{}}",
                "{\"name\":[\"a\"]}",
                "{\"name\":\"x\",\"admin\":true}",
                "{\"name\":",
                "{}",
                "[]",
                "\"x\"",
                "{\"name\":\"x\"" + "}".repeat(1 + r.nextInt(3)) + "{",
            });
            return new Case(
                    "account-body",
                    "PUT",
                    "/api/accounts/acc-5",
                    Map.of("Authorization", ADMIN, "Content-Type", "application/json"),
                    utf8(body));
        });
        // wrong methods
        g.add(r -> {
            String[][] targets = {
                {"PATCH", "/api/valuations/refresh/scheduled"},
                {"DELETE", "/api/valuations/refresh"},
                {"PUT", "/api/valuations/refresh/jobs"},
                {"POST", "/api/valuations/refresh/alerts"},
                {"POST", "/api/accounts"},
                {"DELETE", "/api/accounts/acc-1"},
                {"PUT", "/api/prices/AAPL"},
                {"POST", "/actuator/health"},
                {"DELETE", "/actuator/metrics"},
            };
            String[] target = pick(r, targets);
            return new Case(
                    "method",
                    target[0],
                    target[1],
                    with(
                            target[1].startsWith("/api/valuations/refresh/sch")
                                    ? Map.of("x-cron-secret", CRON)
                                    : Map.of("Authorization", ADMIN),
                            "Content-Type",
                            "application/json"),
                    utf8("{}"));
        });
        // actuator and unknown paths
        g.add(r -> {
            String path = pick(r, new String[] {
                "/actuator/metrics/no.such.metric",
                "/actuator/health/no-such-component",
                "/actuator/" + pathSegment(pick(r, INJECTIONS)),
                "/actuator/metrics/jvm.memory.used?tag=nocolon",
                "/api/" + pathSegment(pick(r, INJECTIONS)),
                "/api/valuations/refresh/jobs/" + java.util.UUID.randomUUID() + "/x",
                "/api/accounts/acc-1/trades/1/x",
                "/WEB-INF/web.xml",
                "/.git/config",
                "/api/valuations/refresh/../../../etc/passwd",
            });
            return new Case("unknown", "GET", path, Map.of("Authorization", ADMIN), null);
        });
        return g;
    }
}
