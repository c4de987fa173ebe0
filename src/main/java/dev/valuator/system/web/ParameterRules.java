package dev.valuator.system.web;

import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.UUID;
import org.springframework.core.MethodParameter;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** The words of docs/api.md for what a field or parameter must be, in the contract's 400 details. */
final class ParameterRules {

    private ParameterRules() {}

    /** A parameter's rule in the words of docs/api.md: its range when it has one, else its type. */
    static String of(MethodArgumentTypeMismatchException e) {
        return of(e.getParameter(), e.getRequiredType());
    }

    static String of(MethodParameter parameter, Class<?> type) {
        Min min = parameter.getParameterAnnotation(Min.class);
        if (min != null) {
            return min.message();
        }
        if (type != null && type.isEnum()) {
            return "must be one of " + Arrays.toString(type.getEnumConstants()).replace(", ", "|");
        }
        return "must be " + (type == null ? "a valid value" : describe(type));
    }

    /** What a value of this type looks like: "a date YYYY-MM-DD", "a number", ... */
    static String describe(Class<?> type) {
        if (type == LocalDate.class) {
            return "a date YYYY-MM-DD";
        }
        if (type == BigDecimal.class
                || Number.class.isAssignableFrom(type)
                || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "an object";
    }
}
