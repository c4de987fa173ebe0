package dev.valuator.refresh;

import dev.valuator.system.ApiError;
import dev.valuator.system.JsonErrors;
import dev.valuator.system.Secrets;
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
 * Guards the scheduled endpoint before its body is read: {@code x-cron-secret: <secret>} or
 * {@code Authorization: Bearer <secret>} (Vercel Cron), the current or the previous secret,
 * compared in constant time. A secret in the query string is ignored. Unset ⇒ 500, never open.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class CronSecretFilter extends OncePerRequestFilter {

    static final String PATH = "/api/valuations/refresh/scheduled";
    static final String HEADER = "x-cron-secret";

    private final RefreshProperties properties;
    private final JsonMapper json;

    CronSecretFilter(RefreshProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().equals(PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!properties.cronSecretConfigured()) {
            JsonErrors.write(response, json, 500, ApiError.of("VALUATION_REFRESH_CRON_SECRET not configured"));
            return;
        }
        String provided = request.getHeader(HEADER);
        if (provided == null) {
            provided = Secrets.bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        }
        boolean current = Secrets.matches(provided, properties.cronSecret());
        // both are always compared, so timing does not tell which secret matched
        boolean previous = Secrets.matches(provided, properties.cronSecretPrevious());
        if (!(current | previous)) {
            JsonErrors.write(response, json, 401, ApiError.of("Unauthorized: missing or incorrect cron secret"));
            return;
        }
        chain.doFilter(request, response);
    }
}
