package dev.valuator.marketdata;

import dev.valuator.marketdata.polygon.PolygonFailure;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one rule for a Polygon failure inside the price phase: a rejected key or plan ({@link
 * PolygonFailure.AuthFailed}) ends the phase ({@link PricePhase} turns it into a {@link
 * PriceOutcome.Failed}); any other failure belongs to the one call that met it.
 */
final class CallFailures {

    private CallFailures() {}

    /** The call's answer, or null after handing its failure to {@code onFailure}. */
    static <T> T orNull(Supplier<T> call, Consumer<PolygonFailure> onFailure) {
        try {
            return call.get();
        } catch (PolygonFailure e) {
            if (e instanceof PolygonFailure.AuthFailed) {
                throw e;
            }
            onFailure.accept(e);
            return null;
        }
    }
}
