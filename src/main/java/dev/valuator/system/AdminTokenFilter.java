package dev.valuator.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guards every admin endpoint with {@code Authorization: Bearer <VALUATION_ADMIN_TOKEN>}, before
 * any body is read: {@code /api/accounts/**}, {@code /api/prices/**} and the manual refresh.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class AdminTokenFilter extends OncePerRequestFilter {

    private final ValuatorProperties properties;
    private final JsonMapper json;

    AdminTokenFilter(ValuatorProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    static boolean guards(String method, String path) {
        return path.equals("/api/accounts")
                || path.startsWith("/api/accounts/")
                || path.equals("/api/prices")
                || path.startsWith("/api/prices/")
                || (path.equals("/api/valuations/refresh") && !"GET".equals(method) && !"HEAD".equals(method));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !guards(request.getMethod(), request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!properties.adminTokenConfigured()) {
            JsonErrors.write(response, json, 500, ApiError.of("VALUATION_ADMIN_TOKEN not configured"));
            return;
        }
        String token = Secrets.bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (!Secrets.matches(token, properties.adminToken())) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            JsonErrors.write(response, json, 401, ApiError.of("Unauthorized: missing or incorrect admin token"));
            return;
        }
        chain.doFilter(request, response);
    }
}
