package dev.valuator.system;

import dev.valuator.system.ApiError.FieldProblem;
import java.util.List;

/** The request is invalid (400); nothing was changed. */
public class InvalidRequest extends RuntimeException {

    private final transient List<FieldProblem> details;

    public InvalidRequest(String message, List<FieldProblem> details) {
        super(message);
        this.details = details == null || details.isEmpty() ? null : List.copyOf(details);
    }

    public InvalidRequest(String field, String message) {
        this("Invalid request", List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> details() {
        return details;
    }
}
