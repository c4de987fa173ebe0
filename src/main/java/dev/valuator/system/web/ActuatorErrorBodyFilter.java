package dev.valuator.system.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Actuator answers some client errors with an empty body (an unknown metric or health component:
 * 404 and nothing else); they get the contract's {@code {"error": …}} body like every other answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ActuatorErrorBodyFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, wrapper);
        } finally {
            int status = wrapper.getStatus();
            if (status >= 400 && status < 500 && wrapper.getContentSize() == 0 && !wrapper.isCommitted()) {
                HttpStatus resolved = HttpStatus.resolve(status);
                String message = status == 404 ? "Not found" : resolved == null ? "Error" : resolved.getReasonPhrase();
                wrapper.setContentType("application/json");
                wrapper.setCharacterEncoding(StandardCharsets.UTF_8.name());
                wrapper.getOutputStream().write(("{\"error\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
            }
            wrapper.copyBodyToResponse();
        }
    }
}
