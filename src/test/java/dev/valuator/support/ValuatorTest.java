package dev.valuator.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A full-stack test: the whole service on a random port against this run's PostgreSQL and the
 * Polygon stand-in, with a settable {@link MutableClock}
 * that is back on real time at the start of every test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIf("dev.valuator.support.TestDatabase#available")
@ExtendWith(TestEnvironment.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestClockConfiguration.class, LockSwitch.class})
@ExtendWith(TestClockReset.class)
public @interface ValuatorTest {}
