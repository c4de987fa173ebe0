package dev.valuator.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
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

    /** Most problems an answer lists; one more entry then says how many were left out. */
    public static final int MAX_DETAILS = 50;
    /** The field of that last entry. */
    static final String MORE = "…";

    public ApiError {
        if (details != null && details.size() > MAX_DETAILS && !capped(details)) {
            details = capped(details, details.size());
        }
    }

    private static boolean capped(List<FieldProblem> details) {
        return details.size() == MAX_DETAILS + 1
                && MORE.equals(details.getLast().field());
    }

    /**
     * The first {@link #MAX_DETAILS} of {@code first}, then one entry "and N more" when {@code
     * total} problems were found in all.
     */
    public static List<FieldProblem> capped(List<FieldProblem> first, int total) {
        if (total <= MAX_DETAILS) {
            return List.copyOf(first);
        }
        List<FieldProblem> shown = new ArrayList<>(first.subList(0, Math.min(MAX_DETAILS, first.size())));
        shown.add(new FieldProblem(MORE, "and " + (total - shown.size()) + " more"));
        return List.copyOf(shown);
    }

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
