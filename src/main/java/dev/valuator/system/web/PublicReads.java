package dev.valuator.system.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The database work of the public answers (freshness, jobs, alerts) for callers without the admin
 * token: at most a third of the pool at once, so a flood of anonymous reads never starves the
 * runs, the admin calls or the readiness probe of connections. While every permit is taken, the
 * same question answered less than a second ago gets that answer; otherwise the caller waits up
 * to two seconds for a permit and then gets {@link Busy} (503 with {@code Retry-After}). The
 * admin token bypasses both.
 */
@Component
public class PublicReads {

    static final Duration FRESH = Duration.ofSeconds(1);
    static final Duration WAIT = Duration.ofSeconds(2);
    /** Distinct questions remembered; more are answered but not kept. */
    static final int KEPT = 512;

    private final Semaphore permits;
    private final Map<String, Answer> recent = new ConcurrentHashMap<>();

    private record Answer(Object value, long atNanos) {}

    PublicReads(@Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize) {
        this.permits = new Semaphore(Math.max(1, poolSize / 3), true);
    }

    /** Whether the current request carries the admin token. */
    public static boolean admin() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null && caller.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }

    /**
     * The answer to {@code question} ({@code key}: the route and its parameters), within the bound.
     *
     * @throws Busy when no permit came free in time and no recent answer exists
     */
    public <T> T read(String key, Supplier<T> question) {
        if (admin()) {
            return question.get();
        }
        if (permits.tryAcquire()) {
            return answer(key, question);
        }
        T cached = recentAnswer(key);
        if (cached != null) {
            return cached;
        }
        try {
            if (!permits.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
        return answer(key, question);
    }

    /** Asks the database with a permit held (and releases it), remembering the answer. */
    private <T> T answer(String key, Supplier<T> question) {
        try {
            T value = question.get();
            if (recent.size() >= KEPT) {
                long now = System.nanoTime();
                recent.values().removeIf(a -> now - a.atNanos() >= FRESH.toNanos());
            }
            if (recent.size() < KEPT) {
                recent.put(key, new Answer(value, System.nanoTime()));
            }
            return value;
        } finally {
            permits.release();
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T recentAnswer(String key) {
        Answer answer = recent.get(key);
        return answer != null && System.nanoTime() - answer.atNanos() < FRESH.toNanos() ? (T) answer.value() : null;
    }

    /** Every permit stayed taken while the caller waited: the public answers are under a flood. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("Too many anonymous reads at once; retry in a second");
        }
    }
}
