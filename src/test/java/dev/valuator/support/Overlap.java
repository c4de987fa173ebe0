package dev.valuator.support;

import java.time.Instant;
import java.util.List;

/** Whether any two [start, end) intervals intersect. */
public final class Overlap {

    private Overlap() {}

    public static boolean any(List<Instant[]> runs) {
        for (int i = 0; i < runs.size(); i++) {
            for (int j = i + 1; j < runs.size(); j++) {
                if (runs.get(i)[0].isBefore(runs.get(j)[1]) && runs.get(j)[0].isBefore(runs.get(i)[1])) {
                    return true;
                }
            }
        }
        return false;
    }
}
