package dev.valuator.support;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Puts the context's {@link MutableClock} back on real time before every test, so a time one
 * test set never leaks into the next test that shares the cached context.
 */
public class TestClockReset implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        SpringExtension.getApplicationContext(context)
                .getBean(MutableClock.class)
                .useRealTime();
    }
}
