package dev.valuator.refresh.request;

import dev.valuator.refresh.config.RefreshProperties;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * The dates of a {@link RefreshRequest}: neither after today in New York, {@code from} not after
 * {@code to}, and a span of at most {@code VALUATION_MAX_BACKFILL_DAYS}. Each broken rule is a
 * violation on its field; {@link Check} is built by Spring, with the clock and the configuration.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = RefreshWindow.Check.class)
public @interface RefreshWindow {

    String message() default "is not a valid date window";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The rules, in the order one field breaking several of them reports them (each violation carries its rule). */
    enum Rule {
        NOT_AFTER_TODAY,
        NOT_AFTER_TO,
        AT_MOST_MAX_BACKFILL_DAYS
    }

    /** Checks the window against today and {@code VALUATION_MAX_BACKFILL_DAYS}. */
    final class Check implements ConstraintValidator<RefreshWindow, RefreshRequest> {

        private final Clock clock;
        private final RefreshProperties properties;

        Check(Clock clock, RefreshProperties properties) {
            this.clock = clock;
            this.properties = properties;
        }

        @Override
        public boolean isValid(RefreshRequest request, ConstraintValidatorContext context) {
            if (request == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            LocalDate today = RefreshProperties.today(clock);
            LocalDate from = request.from();
            LocalDate to = request.to();
            boolean valid = true;
            if (to != null && to.isAfter(today)) {
                valid = violation(
                        context, "to", Rule.NOT_AFTER_TODAY, "must not be after today (" + today + " in New York)");
            }
            if (from != null && from.isAfter(today)) {
                valid = violation(
                        context, "from", Rule.NOT_AFTER_TODAY, "must not be after today (" + today + " in New York)");
            }
            LocalDate end = to == null ? today : to;
            if (from != null && to != null && from.isAfter(to)) {
                valid = violation(context, "from", Rule.NOT_AFTER_TO, "must not be after to");
            } else if (from != null && ChronoUnit.DAYS.between(from, end) > properties.maxBackfillDays()) {
                valid = violation(
                        context,
                        "from",
                        Rule.AT_MOST_MAX_BACKFILL_DAYS,
                        "the range may span at most VALUATION_MAX_BACKFILL_DAYS = " + properties.maxBackfillDays()
                                + " days");
            }
            return valid;
        }

        /** Adds a violation of {@code field}, carrying its rule, with a literal message; returns false (not valid). */
        private static boolean violation(ConstraintValidatorContext context, String field, Rule rule, String message) {
            context.unwrap(HibernateConstraintValidatorContext.class)
                    .withDynamicPayload(rule)
                    .buildConstraintViolationWithTemplate(message.replaceAll("([\\\\{}$])", "\\\\$1"))
                    .addPropertyNode(field)
                    .addConstraintViolation();
            return false;
        }
    }
}
