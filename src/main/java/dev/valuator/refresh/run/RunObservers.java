package dev.valuator.refresh.run;

import dev.valuator.refresh.jobs.JobStatus;
import dev.valuator.refresh.jobs.RefreshJob;
import dev.valuator.refresh.request.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** What the rest of the service learns about runs: metrics and the outbound heartbeat. */
@Component
public class RunObservers {

    private final MeterRegistry registry;
    private final Heartbeat heartbeat;

    RunObservers(MeterRegistry registry, Heartbeat heartbeat) {
        this.registry = registry;
        this.heartbeat = heartbeat;
    }

    void started(UUID jobId, Caller source) {
        counter(source, JobStatus.RUNNING).increment();
    }

    public void skipped(UUID jobId, Caller source) {
        counter(source, JobStatus.SKIPPED_CONFLICT).increment();
    }

    void finished(RefreshJob job, Caller source) {
        counter(source, job.status()).increment();
        if (job.durationMs() != null) {
            Timer.builder("valuator.refresh.duration")
                    .description("Wall time of finished refresh runs")
                    .tag("trigger", source.trigger().name())
                    .tag("status", job.status().name())
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(Duration.ofMillis(job.durationMs()));
        }
        if (source == Caller.IMPORT) {
            // valuing one imported account says nothing about whether refreshes work
            return;
        }
        if (job.status() == JobStatus.SUCCEEDED) {
            heartbeat.success(job.jobId());
        } else if (job.status() == JobStatus.FAILED) {
            heartbeat.failure(job.jobId());
        }
    }

    private Counter counter(Caller source, JobStatus status) {
        return Counter.builder("valuator.refresh.runs")
                .description("Refresh runs by trigger, source and status (RUNNING counts starts)")
                .tag("trigger", source.trigger().name())
                .tag("source", source.name())
                .tag("status", status.name())
                .register(registry);
    }
}
