package dev.valuator.refresh;

import dev.valuator.holdings.Accounts;
import dev.valuator.system.ApiError.FieldProblem;
import dev.valuator.system.InvalidRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Checks a refresh request before anything is recorded: the formats by Bean Validation on
 * {@link RefreshRequest}, then what needs the clock, the configuration or the ledger.
 */
@Component
class RefreshRequests {

    private static final List<String> FIELD_ORDER = List.of("accountId", "symbols", "to", "from");

    private final Validator validator;
    private final Accounts accounts;
    private final RefreshProperties properties;
    private final Clock clock;

    RefreshRequests(Validator validator, Accounts accounts, RefreshProperties properties, Clock clock) {
        this.validator = validator;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    /** Normalizes and checks a request; throws 400 with every problem named, recording nothing. */
    RefreshRequest check(RefreshRequest request) {
        if (request == null) {
            return RefreshRequest.EVERYTHING;
        }
        List<FieldProblem> problems = new ArrayList<>(validator.validate(request).stream()
                .map(RefreshRequests::problem)
                .sorted(Comparator.comparing(RefreshRequests::order))
                .toList());
        boolean formatsValid = problems.isEmpty();
        if (request.accountId() != null
                && problems.stream().noneMatch(p -> p.field().equals("accountId"))
                && !accounts.exists(request.accountId())) {
            problems.addFirst(new FieldProblem("accountId", "unknown account " + request.accountId()));
        }
        problems.addAll(dateProblems(request));
        if (!problems.isEmpty()) {
            throw new InvalidRequest("Invalid refresh request", problems);
        }
        List<String> symbols = request.symbols() == null || !formatsValid
                ? request.symbols()
                : List.copyOf(new LinkedHashSet<>(request.symbols()));
        return new RefreshRequest(request.accountId(), symbols, request.from(), request.to());
    }

    private List<FieldProblem> dateProblems(RefreshRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate today = RefreshProperties.today(clock);
        if (request.to() != null && request.to().isAfter(today)) {
            problems.add(new FieldProblem("to", "must not be after today (" + today + " in New York)"));
        }
        if (request.from() != null && request.from().isAfter(today)) {
            problems.add(new FieldProblem("from", "must not be after today (" + today + " in New York)"));
        }
        LocalDate end = request.to() == null ? today : request.to();
        if (request.from() != null && request.to() != null && request.from().isAfter(request.to())) {
            problems.add(new FieldProblem("from", "must not be after to"));
        } else if (request.from() != null
                && ChronoUnit.DAYS.between(request.from(), end) > properties.maxBackfillDays()) {
            problems.add(new FieldProblem(
                    "from",
                    "the range may span at most VALUATION_MAX_BACKFILL_DAYS = " + properties.maxBackfillDays()
                            + " days"));
        }
        return problems;
    }

    /** {@code symbols[3].<list element>} → {@code symbols[3]}. */
    private static FieldProblem problem(ConstraintViolation<RefreshRequest> violation) {
        String path = violation.getPropertyPath().toString().replace(".<list element>", "");
        return new FieldProblem(path, violation.getMessage());
    }

    private static String order(FieldProblem problem) {
        String field = problem.field();
        int bracket = field.indexOf('[');
        String base = bracket < 0 ? field : field.substring(0, bracket);
        String index = bracket < 0 ? "" : field.substring(bracket + 1, field.length() - 1);
        return FIELD_ORDER.indexOf(base) + ":" + "%08d".formatted(index.isEmpty() ? -1 : Integer.parseInt(index));
    }
}
