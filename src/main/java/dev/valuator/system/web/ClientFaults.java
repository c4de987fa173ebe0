package dev.valuator.system.web;

import dev.valuator.system.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ResponseStatusException;

/** Recognises the client's fault behind an exception that no dedicated handler caught. */
final class ClientFaults {

    private ClientFaults() {}

    /** The 4xx answer to {@code e}, or empty when it is the service's own failure. */
    static Optional<ResponseEntity<ApiError>> answer(Exception e, HttpServletRequest request) {
        PayloadTooLarge tooLarge = CauseChain.find(e, PayloadTooLarge.class);
        if (tooLarge != null) {
            return Optional.of(
                    ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ApiError.of(tooLarge.getMessage())));
        }
        // a client error raised as a status exception (actuator: a malformed metric tag) stays a 4xx
        if (e instanceof ErrorResponse error && error.getStatusCode().is4xxClientError()) {
            String reason = e instanceof ResponseStatusException status && status.getReason() != null
                    ? status.getReason()
                    : HttpStatus.valueOf(error.getStatusCode().value()).getReasonPhrase();
            return Optional.of(ResponseEntity.status(error.getStatusCode()).body(ApiError.of(reason)));
        }
        // a Content-Type Spring cannot even parse (a wildcard such as */*) fails while reading the body
        if (unusableContentType(request.getContentType())) {
            return Optional.of(ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .body(ApiError.of(
                            "Content-Type " + request.getContentType() + " is not supported; send application/json")));
        }
        return Optional.empty();
    }

    private static boolean unusableContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return true;
        }
    }
}
