package dev.valuator.system.web;

import dev.valuator.system.ApiError;
import dev.valuator.system.ApiError.FieldProblem;
import dev.valuator.system.ConflictingState;
import dev.valuator.system.InvalidRequest;
import dev.valuator.system.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Renders every failure as the contract's {@code {"error": …}} body; no stack trace or SQL leaves. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ApiError> invalid(InvalidRequest e) {
        return respond(HttpStatus.BAD_REQUEST, new ApiError(e.getMessage(), e.details(), null));
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ApiError> notFound(NotFound e) {
        return respond(HttpStatus.NOT_FOUND, ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(ConflictingState.class)
    ResponseEntity<ApiError> conflict(ConflictingState e) {
        return respond(HttpStatus.CONFLICT, ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        PayloadTooLarge tooLarge = CauseChain.find(e, PayloadTooLarge.class);
        if (tooLarge != null) {
            return tooLarge(tooLarge);
        }
        // a deserializer that refuses while binding (a list past its bound) says why itself
        InvalidRequest invalid = CauseChain.find(e, InvalidRequest.class);
        if (invalid != null) {
            return invalid(invalid);
        }
        return respond(HttpStatus.BAD_REQUEST, UnreadableBody.describe(e));
    }

    @ExceptionHandler(PayloadTooLarge.class)
    ResponseEntity<ApiError> tooLarge(PayloadTooLarge e) {
        return respond(HttpStatus.CONTENT_TOO_LARGE, ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(
                HttpStatus.BAD_REQUEST,
                new ApiError("Invalid request", List.of(new FieldProblem(e.getName(), ParameterRules.of(e))), null));
    }

    /** Bean Validation of path and query parameters ({@code @Min}, {@code @Pattern}, ...). */
    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> invalidParameters(HandlerMethodValidationException e) {
        List<FieldProblem> details = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors()
                    .forEach(error -> details.add(new FieldProblem(name, error.getDefaultMessage())));
        }
        return respond(HttpStatus.BAD_REQUEST, new ApiError("Invalid request", details, null));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return respond(
                HttpStatus.BAD_REQUEST,
                new ApiError("Invalid request", List.of(new FieldProblem(e.getParameterName(), "is required")), null));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ApiError> missingHeader(MissingRequestHeaderException e) {
        return respond(HttpStatus.BAD_REQUEST, ApiError.of("Missing header " + e.getHeaderName()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ApiError.of("Unsupported content type; use " + e.getSupportedMediaTypes()));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(HttpStatus.NOT_ACCEPTABLE, ApiError.of("Responses are application/json"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return respond(HttpStatus.METHOD_NOT_ALLOWED, ApiError.of("Method " + e.getMethod() + " not allowed here"));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noResource(NoResourceFoundException e) {
        return respond(HttpStatus.NOT_FOUND, ApiError.of("Not found"));
    }

    @ExceptionHandler(PublicReads.Busy.class)
    ResponseEntity<ApiError> busy(PublicReads.Busy e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ApiError> database(DataAccessException e) {
        log.error("Database error", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, ApiError.of("Database unavailable or failed; try again"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request) {
        return ClientFaults.answer(e, request).orElseGet(() -> {
            log.error("Unexpected error", e);
            return respond(HttpStatus.INTERNAL_SERVER_ERROR, ApiError.of("Internal error"));
        });
    }

    private static ResponseEntity<ApiError> respond(HttpStatus status, ApiError body) {
        return ResponseEntity.status(status).body(body);
    }
}
