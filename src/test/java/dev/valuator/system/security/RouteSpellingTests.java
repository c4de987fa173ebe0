package dev.valuator.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.Ledgers;
import dev.valuator.support.RunningService;
import dev.valuator.support.TestEnvironment;
import dev.valuator.support.ValuatorTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every route the service maps — read from the handler mappings, so a route added later is
 * covered without touching this test — spelled every way an attacker would, sent over a raw
 * socket exactly as written: none reaches a guarded handler without its credential, none is a
 * 5xx, and the database is unchanged afterwards. Then each route, spelled canonically with its
 * credential, must reach its handler: a route that lost its rule is refused for everyone.
 */
@ValuatorTest
class RouteSpellingTests extends RunningService {

    /** The contract's public routes; every other mapped route is guarded. */
    static final Set<String> PUBLIC = Set.of(
            "GET /api/valuations/refresh",
            "GET /api/valuations/refresh/jobs",
            "GET /api/valuations/refresh/jobs/{jobId}",
            "GET /api/valuations/refresh/alerts",
            "GET /actuator/health",
            "GET /actuator/health/**",
            "GET /actuator/info",
            "GET /actuator/prometheus",
            "GET /v3/api-docs",
            "GET /v3/api-docs.yaml",
            "GET /v3/api-docs/swagger-config");
    /** Guarded by the cron secret; every other guarded route takes the admin token. */
    static final Set<String> CRON =
            Set.of("POST /api/valuations/refresh/scheduled", "GET /api/valuations/refresh/scheduled");
    /** Mapped but reachable by nobody from outside (only as the container's error dispatch). */
    static final Set<String> INTERNAL = Set.of("GET /error", "POST /error");

    static final String ADMIN = "Authorization: Bearer " + TestEnvironment.ADMIN_TOKEN;
    static final String CRON_HEADER = "x-cron-secret: " + TestEnvironment.CRON_SECRET;
    static final String CRON_BEARER = "Authorization: Bearer " + TestEnvironment.CRON_SECRET;

    @Autowired
    ApplicationContext context;

    record Route(String method, String pattern) {
        String key() {
            return method + " " + pattern;
        }
    }

    record Answer(int status, String body) {}

    /** Account acc-1 with trade 1: every guarded route, reached, would answer 2xx or change a row. */
    @BeforeEach
    void anAccountWithATrade() {
        Ledgers.anAccountHoldingApple(http, "acc-1");
    }

    @Test
    void noSpellingOfAGuardedRouteGetsInWithoutItsCredential() {
        List<Route> routes = mappedRoutes();
        assertThat(routes).extracting(Route::key).contains("GET /api/accounts", "POST /api/valuations/refresh");
        Map<String, String> before = tableDigests();

        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Route route : routes) {
            boolean guarded = !PUBLIC.contains(route.key());
            List<List<String>> credentials = guarded ? wrongCredentials(route) : List.of(List.of());
            for (String spelling : spellings(concrete(route.pattern()))) {
                for (List<String> headers : credentials) {
                    Answer answer = send(route.method(), spelling, headers, validBody(route));
                    sent++;
                    boolean leak = guarded && answer.status() >= 200 && answer.status() < 300;
                    if (leak
                            || answer.status() >= 500
                            || !answer.body().contains("\"error\"") && answer.status() >= 400) {
                        failures.add(answer.status() + " " + route.method() + " " + spelling + " " + headers + " → "
                                + abbreviate(answer.body()));
                    }
                }
            }
        }
        assertThat(failures).as("of %d requests", sent).isEmpty();
        assertThat(tableDigests()).isEqualTo(before);
    }

    /** A body the route would accept, so that reaching its handler shows as a 2xx or a changed row. */
    static String validBody(Route route) {
        if (route.pattern().endsWith("/trades")) {
            return "{\"trades\":[{\"symbol\":\"MSFT\",\"tradeDate\":\"2026-01-06\",\"side\":\"BUY\","
                    + "\"quantity\":1,\"price\":10}]}";
        }
        if (route.pattern().startsWith("/api/accounts/")) {
            return "{\"name\":\"Taken over\"}";
        }
        return "{}";
    }

    @Test
    void everyGuardedRouteAnswersItsOwnCredential() {
        List<String> refused = new ArrayList<>();
        for (Route route : mappedRoutes()) {
            if (PUBLIC.contains(route.key()) || INTERNAL.contains(route.key())) {
                continue;
            }
            if (route.key().equals("GET /api/valuations/refresh/scheduled")) {
                // the right credential runs a refresh here; the POST twin proves the cron rule
                continue;
            }
            String credential = CRON.contains(route.key()) ? CRON_HEADER : ADMIN;
            // an invalid body stops every write at validation, past the security chain
            Answer answer = send(route.method(), concrete(route.pattern()), List.of(credential), "{\"bogus\": 1}");
            boolean securityRefused = answer.status() == 401
                    || answer.status() == 403
                    || answer.status() == 404 && answer.body().contains("\"Not found\"");
            if (securityRefused) {
                refused.add(route.key() + " → " + answer.status() + " " + abbreviate(answer.body()));
            }
        }
        assertThat(refused).as("routes refused with their own credential").isEmpty();
    }

    // --- the routes, as Spring MVC maps them (controllers, actuator, OpenAPI)

    List<Route> mappedRoutes() {
        Set<Route> routes = new LinkedHashSet<>();
        for (RequestMappingInfoHandlerMapping mapping :
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                List<String> names = methods.isEmpty()
                        ? List.of("GET", "POST")
                        : methods.stream().map(Enum::name).toList();
                for (String pattern : info.getPatternValues()) {
                    for (String method : names) {
                        routes.add(new Route(method, pattern));
                    }
                }
            }
        }
        return routes.stream().sorted((a, b) -> a.key().compareTo(b.key())).toList();
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{\\*?(\\w+)[^}]*}|\\*\\*|\\*");

    /** A path the pattern matches: path variables get plausible values. */
    static String concrete(String pattern) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) == null ? "" : m.group(1);
            String value = switch (name) {
                case "accountId" -> "acc-1";
                case "jobId" -> "00000000-0000-4000-8000-000000000001";
                case "symbol" -> "AAPL";
                case "tradeId" -> "1";
                case "requiredMetricName" -> "jvm.threads.live";
                default -> "liveness";
            };
            m.appendReplacement(path, value);
        }
        m.appendTail(path);
        return path.toString();
    }

    /** The battery: each way of writing {@code path} that a careless matcher might read differently. */
    static List<String> spellings(String path) {
        String[] segments = path.substring(1).split("/");
        Set<String> out = new LinkedHashSet<>();
        out.add(path);
        out.add(path + "/");
        out.add(path.toUpperCase(Locale.ROOT));
        out.add(path + ";x");
        out.add(path + "/;x");
        out.add(path + "?x=%2e%2e");
        out.add(path + "%20");
        out.add(path + ".json");
        for (int i = 0; i < segments.length; i++) {
            out.add(join(segments, i, segments[i] + ";x"));
            out.add(join(segments, i, segments[i] + ";jsessionid=1"));
            out.add(join(segments, i, percentFirstLetter(segments[i])));
            out.add(join(segments, i, percentAll(segments[i])));
            out.add(join(segments, i, capitalized(segments[i])));
            out.add(join(segments, i, segments[i] + "%2F"));
            out.add(join(segments, i, "%2e/" + segments[i]));
            out.add(join(segments, i, "%2E%2E/x/" + segments[i]));
            out.add(join(segments, i, "./" + segments[i]));
            out.add(join(segments, i, "x/../" + segments[i]));
            out.add(join(segments, i, "x/%2e%2e/" + segments[i]));
            out.add(join(segments, i, "/" + segments[i]));
            out.add(join(segments, i, segments[i] + "%25"));
            out.add(join(segments, i, segments[i] + "%5C"));
            out.add(join(segments, i, segments[i] + "\\"));
            out.add(join(segments, i, segments[i] + "%00"));
        }
        out.add("/" + path);
        out.add("/./" + path.substring(1));
        return List.copyOf(out);
    }

    private static String join(String[] segments, int replaced, String replacement) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            path.append('/').append(i == replaced ? replacement : segments[i]);
        }
        return path.toString();
    }

    private static String percentFirstLetter(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            if (Character.isLetter(segment.charAt(i))) {
                return segment.substring(0, i) + percent(segment.charAt(i)) + segment.substring(i + 1);
            }
        }
        return segment;
    }

    private static String percentAll(String segment) {
        StringBuilder out = new StringBuilder();
        segment.chars().forEach(c -> out.append(percent((char) c)));
        return out.toString();
    }

    private static String percent(char c) {
        return String.format("%%%02X", (int) c);
    }

    private static String capitalized(String segment) {
        return segment.isEmpty() ? segment : Character.toUpperCase(segment.charAt(0)) + segment.substring(1);
    }

    /** None, a wrong one, and the other endpoint's credential. */
    static List<List<String>> wrongCredentials(Route route) {
        String wrong = "x".repeat(TestEnvironment.ADMIN_TOKEN.length());
        List<List<String>> credentials = new ArrayList<>();
        credentials.add(List.of());
        credentials.add(List.of("Authorization: Bearer " + wrong, "x-cron-secret: " + wrong));
        if (CRON.contains(route.key())) {
            credentials.add(List.of(ADMIN));
        } else {
            credentials.add(List.of(CRON_HEADER));
            credentials.add(List.of(CRON_BEARER));
        }
        return credentials;
    }

    // --- raw HTTP: the request line goes out exactly as written, never normalized by a client

    Answer send(String method, String path, List<String> headers, String body) {
        boolean withBody = !method.equals("GET") && !method.equals("HEAD") && !method.equals("DELETE");
        StringBuilder request = new StringBuilder()
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        headers.forEach(h -> request.append(h).append("\r\n"));
        byte[] payload = withBody ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (withBody) {
            request.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(payload.length)
                    .append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyStart = text.indexOf("\r\n\r\n");
            return new Answer(status, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        }
    }

    private static String abbreviate(String body) {
        String line = body.replace("\r", " ").replace("\n", " ");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    /** One digest per table of the schema: any row written, changed or deleted changes it. */
    Map<String, String> tableDigests() {
        Map<String, String> digests = new TreeMap<>();
        for (String table : jdbc.queryForList(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()", String.class)) {
            digests.put(
                    table,
                    jdbc.queryForObject(
                            "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"" + table
                                    + "\" t",
                            String.class));
        }
        return digests;
    }
}
