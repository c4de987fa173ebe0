package dev.valuator.system;

import dev.valuator.system.ApiError.FieldProblem;
import java.util.List;

/**
 * The request is invalid (400); nothing was changed. At most {@link ApiError#MAX_DETAILS} problems
 * are listed, then one entry says how many more there were, and each echoed field name is cut
 * short, so a hostile upload cannot make the answer larger than the question.
 */
public class InvalidRequest extends RuntimeException {

    static final int MAX_FIELD_LENGTH = 120;

    private final transient List<FieldProblem> details;

    public InvalidRequest(String message, List<FieldProblem> details) {
        super(message);
        this.details = details == null || details.isEmpty()
                ? null
                : ApiError.capped(
                        details.stream()
                                .limit(ApiError.MAX_DETAILS)
                                .map(InvalidRequest::shortened)
                                .toList(),
                        details.size());
    }

    public InvalidRequest(String field, String message) {
        this("Invalid request", List.of(new FieldProblem(field, message)));
    }

    private static FieldProblem shortened(FieldProblem problem) {
        String field = problem.field();
        if (field == null || field.length() <= MAX_FIELD_LENGTH) {
            return problem;
        }
        return new FieldProblem(field.substring(0, MAX_FIELD_LENGTH) + "…", problem.message());
    }

    public List<FieldProblem> details() {
        return details;
    }
}
