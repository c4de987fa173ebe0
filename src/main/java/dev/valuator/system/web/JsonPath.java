package dev.valuator.system.web;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;

/** Spells out where in a request's JSON document a parse problem happened. */
final class JsonPath {

    private JsonPath() {}

    /** The dotted path ({@code trades[2].quantity}) to where {@code e} happened; empty at the top. */
    static String of(JacksonException e) {
        StringBuilder path = new StringBuilder();
        List<JacksonException.Reference> references = new ArrayList<>(e.getPath());
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
