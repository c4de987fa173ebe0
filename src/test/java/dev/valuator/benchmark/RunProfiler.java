package dev.valuator.benchmark;

import static dev.valuator.support.Benchmarks.ordered;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a run's time goes, by sampling every {@link #INTERVAL_MS} ms: the stack of the thread
 * running it (attributed to its innermost {@code dev.valuator} frame outside the benchmarks, and to
 * the frame on top) and the statements PostgreSQL is executing for other sessions
 * ({@code pg_stat_activity}). Each sample counts for the time since the previous one; the top
 * entries are reported in ms.
 */
final class RunProfiler {

    static final int INTERVAL_MS = 5;
    private static final int TOP = 15;

    private final Thread target;
    private final JdbcTemplate jdbc;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, Long> javaNanos = new HashMap<>();
    private final Map<String, Long> sqlNanos = new HashMap<>();
    private int samples;
    private long last;
    private Thread thread;

    RunProfiler(Thread target, JdbcTemplate jdbc) {
        this.target = target;
        this.jdbc = jdbc;
    }

    void start() {
        last = System.nanoTime();
        thread = Thread.ofPlatform().daemon().name("run-profiler").start(() -> {
            while (running.get()) {
                sample();
                LockSupport.parkNanos(INTERVAL_MS * 1_000_000L);
            }
        });
    }

    Map<String, Object> stop() throws InterruptedException {
        running.set(false);
        thread.join();
        return ordered("intervalMs", INTERVAL_MS, "samples", samples, "java", top(javaNanos), "sql", top(sqlNanos));
    }

    /** Each sample stands for the time since the previous one (the sampler may be starved of CPU). */
    private void sample() {
        samples++;
        long now = System.nanoTime();
        long weight = now - last;
        last = now;
        StackTraceElement[] stack = target.getStackTrace();
        if (stack.length > 0) {
            String own = "-";
            for (StackTraceElement frame : stack) {
                if (frame.getClassName().startsWith("dev.valuator.")
                        && !frame.getClassName().startsWith("dev.valuator.benchmark.")) {
                    own = simple(frame);
                    break;
                }
            }
            javaNanos.merge(own + " <- top " + simple(stack[0]), weight, Long::sum);
        }
        try {
            for (String query : jdbc.queryForList("""
                    SELECT regexp_replace(left(query, 160), '\\s+', ' ', 'g') FROM pg_stat_activity
                    WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()""", String.class)) {
                sqlNanos.merge(query, weight, Long::sum);
            }
        } catch (RuntimeException e) {
            sqlNanos.merge("(sample failed: " + e.getClass().getSimpleName() + ")", weight, Long::sum);
        }
    }

    private static String simple(StackTraceElement frame) {
        String name = frame.getClassName();
        return name.substring(name.lastIndexOf('.') + 1) + "." + frame.getMethodName() + ":" + frame.getLineNumber();
    }

    private static List<Map<String, Object>> top(Map<String, Long> nanos) {
        List<Map<String, Object>> top = new ArrayList<>();
        nanos.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP)
                .forEach(e -> top.add(ordered("ms", e.getValue() / 1_000_000, "at", e.getKey())));
        return top;
    }
}
