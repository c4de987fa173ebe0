package dev.valuator.refresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.system.RunProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one-shot command's progress on stderr. */
class ProgressDisplayTests {

    static RunProgress prices(int done, int planned) {
        return new RunProgress(RunProgress.PRICES, done, planned, 10, 2, done * 5L, 120L, Instant.EPOCH);
    }

    @Test
    void withoutATerminalOneLinePerTenPercent() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ProgressDisplay display = new ProgressDisplay(err, false, Optional::empty)) {
            for (int done = 0; done <= 100; done++) {
                display.show(prices(done, 100));
            }
            display.show(new RunProgress(RunProgress.VALUATION, 100, 100, 0, 0, 500, null, Instant.EPOCH));
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(11).doesNotHaveDuplicates();
        assertThat(lines[0]).isEqualTo("refresh:   0% prices, 0/100 calls, 0 bars, about 2 min left");
        assertThat(lines[9]).startsWith("refresh:  90% ");
        assertThat(lines[10]).isEqualTo("refresh: 100% done");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
    }

    @Test
    void onATerminalOneBarRedrawnInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ProgressDisplay display = new ProgressDisplay(err, true, Optional::empty)) {
            display.show(prices(25, 50));
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\r[#############.................]  45% prices, 25/50 calls");
        assertThat(out.chars().filter(c -> c == '\n').count())
                .as("one line, redrawn")
                .isEqualTo(1);
        assertThat(out).contains("100% done");
    }
}
