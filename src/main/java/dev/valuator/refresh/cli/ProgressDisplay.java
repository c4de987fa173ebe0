package dev.valuator.refresh.cli;

import dev.valuator.system.RunProgress;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one-shot command's progress on stderr: a bar redrawn in place on a terminal, one plain line
 * per 10 % otherwise (a log collector reads lines, not carriage returns). Stdout stays the job's
 * JSON alone.
 */
final class ProgressDisplay implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final long POLL_MILLIS = 250;

    private final PrintStream err;
    private final boolean terminal;
    private final Supplier<Optional<RunProgress>> source;
    private final Thread thread;
    private final ReentrantLock drawing = new ReentrantLock();
    private volatile boolean stopped;
    private int lastDecile = -1;

    ProgressDisplay(PrintStream err, boolean terminal, Supplier<Optional<RunProgress>> source) {
        this.err = err;
        this.terminal = terminal;
        this.source = source;
        this.thread = Thread.ofPlatform().daemon().name("refresh-progress").start(this::loop);
    }

    /** Whether the process talks to a person (JDK 22+ says so exactly; before, a console means one). */
    static boolean attachedToTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private void loop() {
        while (!stopped) {
            source.get().ifPresent(this::show);
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void show(RunProgress progress) {
        drawing.lock();
        try {
            draw(progress);
        } finally {
            drawing.unlock();
        }
    }

    private void draw(RunProgress progress) {
        int percent = percent(progress);
        if (terminal) {
            int filled = percent * WIDTH / 100;
            err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + line(progress, percent) + "   ");
            err.flush();
        } else if (percent / 10 > lastDecile) {
            lastDecile = percent / 10;
            err.println("refresh: " + line(progress, percent));
        }
    }

    /** Prices are most of a run; the valuation is its last tenth. */
    static int percent(RunProgress progress) {
        if (RunProgress.VALUATION.equals(progress.phase())) {
            return 90;
        }
        if (progress.callsPlanned() <= 0) {
            return 0;
        }
        return (int) Math.min(90, 90L * progress.callsDone() / progress.callsPlanned());
    }

    static String line(RunProgress progress, int percent) {
        StringBuilder line = new StringBuilder()
                .append(String.format(Locale.ROOT, "%3d%% ", percent))
                .append(progress.phase().toLowerCase(Locale.ROOT))
                .append(", ")
                .append(progress.callsDone())
                .append('/')
                .append(progress.callsPlanned())
                .append(" calls, ")
                .append(progress.barsUpserted())
                .append(" bars");
        if (progress.etaSeconds() != null && progress.etaSeconds() > 0) {
            long eta = progress.etaSeconds();
            line.append(", about ")
                    .append(eta >= 120 ? (eta + 59) / 60 + " min" : eta + " s")
                    .append(" left");
        }
        return line.toString();
    }

    /** Stops drawing; the run has ended, so the last line says 100 %. */
    @Override
    public void close() {
        drawing.lock();
        try {
            finish();
        } finally {
            drawing.unlock();
        }
    }

    private void finish() {
        stopped = true;
        thread.interrupt();
        if (terminal) {
            err.println("\r[" + "#".repeat(WIDTH) + "] 100% done" + " ".repeat(40));
        } else if (lastDecile < 10) {
            err.println("refresh: 100% done");
        }
    }
}
