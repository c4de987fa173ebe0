package dev.valuator.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers shared by the benchmark classes: timing and ordered JSON reports. */
public final class Benchmarks {

    private Benchmarks() {}

    /** Wall time of {@code work} in milliseconds. */
    public static long timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    public static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** A map keeping the order of its keys, for readable JSON: {@code ordered("a", 1, "b", 2)}. */
    public static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
