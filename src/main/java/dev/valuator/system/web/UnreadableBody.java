package dev.valuator.system.web;

import dev.valuator.system.ApiError;
import dev.valuator.system.ApiError.FieldProblem;
import java.util.List;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Says which field of a request body that could not be read is wrong, and how. */
final class UnreadableBody {

    private UnreadableBody() {}

    /** The 400 body for {@code e}: the field at fault and what it must be, or why the JSON is malformed. */
    static ApiError describe(HttpMessageNotReadableException e) {
        JacksonException jackson = CauseChain.find(e, JacksonException.class);
        if (jackson == null) {
            return ApiError.of("Request body is missing or unreadable");
        }
        if (jackson instanceof StreamConstraintsException) {
            return new ApiError(
                    "Malformed JSON",
                    List.of(new FieldProblem(
                            "body",
                            "exceeds a parser limit (property names up to " + JsonConfiguration.MAX_NAME_LENGTH
                                    + " characters, nesting up to " + JsonConfiguration.MAX_NESTING_DEPTH
                                    + " levels, numbers up to " + JsonConfiguration.MAX_NUMBER_LENGTH + " digits)")),
                    null);
        }
        String path = JsonPath.of(jackson);
        String message;
        if (jackson instanceof UnrecognizedPropertyException unknown) {
            path = path.isEmpty() ? unknown.getPropertyName() : path;
            message = "unknown field";
        } else if (jackson instanceof InvalidFormatException format) {
            message = "must be " + ParameterRules.describe(format.getTargetType());
        } else if (jackson instanceof MismatchedInputException mismatch) {
            message = mismatch.getTargetType() == null
                    ? "has the wrong type"
                    : "must be " + ParameterRules.describe(mismatch.getTargetType());
        } else {
            return new ApiError(
                    "Malformed JSON",
                    List.of(new FieldProblem(path.isEmpty() ? "body" : path, "is not valid JSON")),
                    null);
        }
        return new ApiError(
                "Invalid request", List.of(new FieldProblem(path.isEmpty() ? "body" : path, message)), null);
    }
}
