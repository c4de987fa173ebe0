package dev.valuator.system.web;

import dev.valuator.system.ApiError;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised before Spring MVC (malformed URLs, filter failures) in the contract's shape too. */
@RestController
class ErrorPage implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        int status = code instanceof Integer i ? i : 500;
        if (CauseChain.find(failure, PayloadTooLarge.class) != null) {
            status = 413;
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        String message = switch (status) {
            case 400 -> "Bad request";
            case 404 -> "Not found";
            case 413 -> "Request body too large";
            default -> resolved == null ? "Error" : resolved.getReasonPhrase();
        };
        return ResponseEntity.status(status).body(ApiError.of(message));
    }
}
