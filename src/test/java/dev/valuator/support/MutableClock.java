package dev.valuator.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests set and advance; null instant means "follow real time". */
public class MutableClock extends Clock {

    private final AtomicReference<Instant> now = new AtomicReference<>();
    private final AtomicReference<Duration> offset = new AtomicReference<>();

    public void set(Instant instant) {
        offset.set(null);
        now.set(instant);
    }

    /** Starts at {@code instant} and then ticks with real time (so durations the service measures are real). */
    public void setTicking(Instant instant) {
        now.set(null);
        offset.set(Duration.between(Instant.now(), instant));
    }

    public void advance(Duration duration) {
        now.updateAndGet(i -> (i == null ? Instant.now() : i).plus(duration));
    }

    public void useRealTime() {
        now.set(null);
        offset.set(null);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        Instant fixed = now.get();
        if (fixed != null) {
            return fixed;
        }
        Duration shift = offset.get();
        return shift == null
                ? Clock.systemUTC().instant()
                : Clock.systemUTC().instant().plus(shift);
    }
}
