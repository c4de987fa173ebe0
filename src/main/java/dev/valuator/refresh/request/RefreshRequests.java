package dev.valuator.refresh.request;

import dev.valuator.holdings.Accounts;
import dev.valuator.system.ApiError.FieldProblem;
import dev.valuator.system.InvalidRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import org.hibernate.validator.engine.HibernateConstraintViolation;
import org.springframework.stereotype.Component;

/**
 * Checks a refresh request before anything is recorded: by Bean Validation on {@link
 * RefreshRequest} (the formats, and the date window of {@link RefreshWindow}), then that its
 * account exists. Every problem is named at once, in the order of the request's fields.
 */
@Component
public class RefreshRequests {

    private static final List<String> FIELD_ORDER = List.of("accountId", "symbols", "to", "from");

    private final Validator validator;
    private final Accounts accounts;

    RefreshRequests(Validator validator, Accounts accounts) {
        this.validator = validator;
        this.accounts = accounts;
    }

    /** Normalizes and checks a request; throws 400 with every problem named, recording nothing. */
    public RefreshRequest check(RefreshRequest request) {
        if (request == null) {
            return RefreshRequest.EVERYTHING;
        }
        List<FieldProblem> problems = new ArrayList<>(validator.validate(request).stream()
                .sorted(Comparator.comparing((ConstraintViolation<RefreshRequest> v) -> order(problem(v)))
                        .thenComparing(RefreshRequests::rule))
                .map(RefreshRequests::problem)
                .toList());
        boolean formatsValid = problems.isEmpty();
        if (request.accountId() != null
                && problems.stream().noneMatch(p -> p.field().equals("accountId"))
                && !accounts.exists(request.accountId())) {
            problems.addFirst(new FieldProblem("accountId", "unknown account " + request.accountId()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest("Invalid refresh request", problems);
        }
        List<String> symbols = request.symbols() == null || !formatsValid
                ? request.symbols()
                : List.copyOf(new LinkedHashSet<>(request.symbols()));
        return new RefreshRequest(request.accountId(), symbols, request.from(), request.to());
    }

    /** {@code symbols[3].<list element>} → {@code symbols[3]}. */
    private static FieldProblem problem(ConstraintViolation<RefreshRequest> violation) {
        String path = violation.getPropertyPath().toString().replace(".<list element>", "");
        return new FieldProblem(path, violation.getMessage());
    }

    /** The {@link RefreshWindow.Rule} a violation broke (-1: a format rule, one per field). */
    private static int rule(ConstraintViolation<RefreshRequest> violation) {
        HibernateConstraintViolation<?> hibernate = violation.unwrap(HibernateConstraintViolation.class);
        RefreshWindow.Rule rule = hibernate.getDynamicPayload(RefreshWindow.Rule.class);
        return rule == null ? -1 : rule.ordinal();
    }

    private static String order(FieldProblem problem) {
        String field = problem.field();
        int bracket = field.indexOf('[');
        String base = bracket < 0 ? field : field.substring(0, bracket);
        String index = bracket < 0 ? "" : field.substring(bracket + 1, field.length() - 1);
        return FIELD_ORDER.indexOf(base) + ":" + "%08d".formatted(index.isEmpty() ? -1 : Integer.parseInt(index));
    }
}
