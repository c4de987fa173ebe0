package dev.valuator.system.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every route of the service with who may call it. Matching is Spring's own path matching on the
 * routed path (decoded, {@code ;} parameters already refused by the firewall), so a spelling that
 * reaches a controller reaches the same rule. A route missing here is refused.
 */
final class Routes {

    /**
     * One named route.
     *
     * @param method the HTTP method, or null for any
     * @param pattern a Spring path pattern
     * @param access who may call it
     */
    record Route(HttpMethod method, String pattern, Access access) {

        RequestMatcher matcher() {
            return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
        }

        RequestMatcher pathMatcher() {
            return PathPatternRequestMatcher.withDefaults().matcher(pattern);
        }
    }

    static final List<Route> ALL = List.of(
            // the runbook's refresh endpoints
            new Route(HttpMethod.POST, "/api/valuations/refresh/scheduled", Access.CRON),
            new Route(HttpMethod.GET, "/api/valuations/refresh/scheduled", Access.CRON),
            new Route(HttpMethod.POST, "/api/valuations/refresh", Access.ADMIN),
            new Route(HttpMethod.GET, "/api/valuations/refresh", Access.PUBLIC),
            new Route(HttpMethod.GET, "/api/valuations/refresh/jobs", Access.PUBLIC),
            new Route(HttpMethod.GET, "/api/valuations/refresh/jobs/{jobId}", Access.PUBLIC),
            new Route(HttpMethod.GET, "/api/valuations/refresh/alerts", Access.PUBLIC),
            // the ledger, valuations and stored prices
            new Route(null, "/api/accounts", Access.ADMIN),
            new Route(null, "/api/accounts/**", Access.ADMIN),
            new Route(null, "/api/prices", Access.ADMIN),
            new Route(null, "/api/prices/**", Access.ADMIN),
            new Route(null, "/api/corporate-actions", Access.ADMIN),
            new Route(null, "/api/corporate-actions/**", Access.ADMIN),
            // operations: health shows details to the admin token only (management.endpoint.health)
            new Route(HttpMethod.GET, "/actuator/health", Access.PUBLIC),
            new Route(HttpMethod.GET, "/actuator/health/{*group}", Access.PUBLIC),
            new Route(HttpMethod.GET, "/actuator/info", Access.PUBLIC),
            new Route(HttpMethod.GET, "/actuator", Access.ADMIN),
            new Route(HttpMethod.GET, "/actuator/prometheus", Access.METRICS),
            new Route(HttpMethod.GET, "/actuator/metrics", Access.ADMIN),
            new Route(HttpMethod.GET, "/actuator/metrics/{*name}", Access.ADMIN),
            // the contract as OpenAPI
            new Route(HttpMethod.GET, "/v3/api-docs", Access.PUBLIC),
            new Route(HttpMethod.GET, "/v3/api-docs/{*part}", Access.PUBLIC),
            new Route(HttpMethod.GET, "/v3/api-docs.yaml", Access.PUBLIC),
            new Route(HttpMethod.GET, "/swagger-ui.html", Access.PUBLIC),
            new Route(HttpMethod.GET, "/swagger-ui/{*file}", Access.PUBLIC),
            // the operations console: static files only, a client of the routes above
            new Route(HttpMethod.GET, "/console/{*file}", Access.PUBLIC),
            new Route(HttpMethod.GET, "/webjars/uplot/{*file}", Access.PUBLIC));

    private Routes() {}

    /** The rule of the route this request names, if any (method included). */
    static Optional<Route> of(HttpServletRequest request) {
        return ALL.stream().filter(r -> matches(r, request)).findFirst();
    }

    /** True when some route has this path but none this method. */
    static boolean pathKnown(HttpServletRequest request) {
        return ALL.stream().anyMatch(r -> r.pathMatcher().matches(request));
    }

    private static boolean matches(Route route, HttpServletRequest request) {
        if (route.matcher().matches(request)) {
            return true;
        }
        // HEAD is GET without a body: a GET route answers it under the same rule
        return route.method() == HttpMethod.GET
                && "HEAD".equals(request.getMethod())
                && route.pathMatcher().matches(request);
    }
}
