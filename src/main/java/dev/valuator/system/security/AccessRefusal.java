package dev.valuator.system.security;

import dev.valuator.system.ApiError;
import dev.valuator.system.web.JsonErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every refusal in the contract's JSON shape: a path not in canonical form is 400; a route whose
 * credential is not configured is 500 naming the variable; a missing or wrong credential is 401
 * with {@code WWW-Authenticate}; a known path with another method is 405; any route not named
 * in {@link Routes} is 404, whoever asks.
 */
final class AccessRefusal implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final AccessProperties access;
    private final JsonMapper json;

    AccessRefusal(AccessProperties access, JsonMapper json) {
        this.access = access;
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        refuse(request, response);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        refuse(request, response);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        // the firewall's message quotes the offending path; the client knows what it sent
        JsonErrors.write(
                response,
                json,
                400,
                ApiError.of("Bad request: the path is not in canonical form (no ';' parameters, encoded '/', '.', "
                        + "'%' or '\\', '//' or dot segments)"));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Routes.Route route = Routes.of(request).orElse(null);
        if (route == null) {
            if (Routes.pathKnown(request)) {
                JsonErrors.write(
                        response, json, 405, ApiError.of("Method " + request.getMethod() + " not allowed here"));
            } else {
                JsonErrors.write(response, json, 404, ApiError.of("Not found"));
            }
            return;
        }
        switch (route.access()) {
            case ADMIN -> unauthorized(response, access.adminTokenConfigured(), "VALUATION_ADMIN_TOKEN", "admin token");
            case CRON ->
                unauthorized(response, access.cronSecretConfigured(), "VALUATION_REFRESH_CRON_SECRET", "cron secret");
            case METRICS -> unauthorized(response, true, "VALUATION_METRICS_TOKEN", "metrics token");
            case PUBLIC -> JsonErrors.write(response, json, 404, ApiError.of("Not found"));
        }
    }

    private void unauthorized(HttpServletResponse response, boolean configured, String variable, String what)
            throws IOException {
        if (!configured) {
            JsonErrors.write(response, json, 500, ApiError.of(variable + " not configured"));
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        JsonErrors.write(response, json, 401, ApiError.of("Unauthorized: missing or incorrect " + what));
    }
}
