package dev.valuator.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The contract's error body: {@code {"error": …, "details": [{"field", "message"}], "data": {…}}}.
 *
 * @param error a human message
 * @param details one entry per invalid field or row, for validation errors
 * @param data what was recorded, where the runbook says a job row exists
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, List<FieldProblem> details, Object data) {

    public static ApiError of(String error) {
        return new ApiError(error, null, null);
    }

    /**
     * One problem with one input.
     *
     * @param field where: a JSON path ({@code trades[2].quantity}), a CSV row ({@code row 3: quantity}) or a parameter
     * @param message what is wrong with it
     */
    public record FieldProblem(String field, String message) {}
}
