package dev.valuator.system.web;

import dev.valuator.system.ApiError;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes the contract's error body from places outside Spring MVC (filters, the error page). */
public final class JsonErrors {

    private JsonErrors() {}

    public static void write(HttpServletResponse response, JsonMapper json, int status, ApiError body)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }
}
