package dev.valuator.refresh.run;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;

/** The threads of runs answered 202: each on a virtual thread of its own, until shutdown. */
@Component
public class BackgroundRuns {

    private volatile ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /** Runs the task on a thread of its own (a run answered 202). */
    public void submit(Runnable task) {
        executor.submit(task);
    }

    /** Takes tasks again after a {@link #shutdown()}. */
    void reopen() {
        if (executor.isShutdown()) {
            executor = Executors.newVirtualThreadPerTaskExecutor();
        }
    }

    /** Takes no new tasks; the running ones go on. */
    void shutdown() {
        executor.shutdown();
    }
}
