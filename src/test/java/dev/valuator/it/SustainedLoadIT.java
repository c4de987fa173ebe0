package dev.valuator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scenario 8: a minute of mixed reads (jobs, alerts, freshness) at 200 requests per second, paced
 * by a scheduler, plus a cron call every 5 s. No 5xx; p50/p99 reported; heap stable.
 *
 * <p>"Heap stable" is checked against the heap's floor: the service runs with {@code -Xmx384m};
 * heap used is sampled every 5 s; the lowest sample of the last 30 s (close to the live set, right
 * after a collection) must not exceed the lowest sample under load in the first 30 s by more than
 * 64 MB (nor, as before, the highest of the first 30 s by more), and no sample may exceed 90% of
 * the maximum heap. Floor against floor, 12,000 requests: a leak of about 5 KB per request fails,
 * where the earlier two minutes compared the last floor with the first peak (about 170 MB of young
 * garbage above the floor) and let some 10 KB per request through.
 */
@Tag("soak")
class SustainedLoadIT extends ScenarioIT {

    static final Duration LENGTH = Duration.ofMinutes(1);
    static final int RATE_PER_SECOND = 200;
    static final Duration WARM_UP = Duration.ofSeconds(20);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String[] READS = {
        "/api/valuations/refresh/jobs?limit=20", "/api/valuations/refresh/alerts", "/api/valuations/refresh",
    };

    ServiceProcess service;

    @Test
    void twoMinutesOfMixedTrafficWithoutServerErrorsOrHeapGrowth() throws Exception {
        service = closedAfter(ServiceProcess.start("sustained-load", Map.of()));
        Scenario.seedAccount(service);
        assertThat(Scenario.cronCallNow(service).statusCode()).isEqualTo(200);

        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        Map<Integer, Long> warmup = warmUp(client);
        ConcurrentLinkedQueue<long[]> results = new ConcurrentLinkedQueue<>(); // {status, latency ns}
        ConcurrentLinkedQueue<CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();
        List<Integer> cronStatuses = new ArrayList<>();
        List<double[]> heap = new ArrayList<>(); // {seconds since start, MB}
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<String> cronErrors = new CopyOnWriteArrayList<>();
        double heapMax = heapMetric("jvm.memory.max");
        long begin = System.nanoTime();
        heap.add(new double[] {0, heapMetric("jvm.memory.used")});

        CountDownLatch done = new CountDownLatch(1);
        try (ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2)) {
            scheduler.scheduleAtFixedRate(
                    () -> {
                        String path = READS[sent.getAndIncrement() % READS.length];
                        long start = System.nanoTime();
                        inFlight.add(client.sendAsync(
                                        HttpRequest.newBuilder(URI.create(service.base() + path))
                                                .timeout(Duration.ofSeconds(10))
                                                .GET()
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .whenComplete((response, failure) -> {
                                    if (failure != null) {
                                        errors.incrementAndGet();
                                    } else {
                                        results.add(new long[] {
                                            response.statusCode(), System.nanoTime() - start, start - begin
                                        });
                                    }
                                }));
                    },
                    0,
                    1_000_000 / RATE_PER_SECOND,
                    TimeUnit.MICROSECONDS);
            scheduler.scheduleAtFixedRate(
                    () -> {
                        try {
                            synchronized (cronStatuses) {
                                cronStatuses.add(Scenario.cronCall(service, Duration.ofSeconds(30))
                                        .get(30, TimeUnit.SECONDS)
                                        .statusCode());
                            }
                            synchronized (heap) {
                                heap.add(new double[] {(System.nanoTime() - begin) / 1e9, heapMetric("jvm.memory.used")
                                });
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt(); // the end: shutdownNow
                        } catch (Exception e) {
                            cronErrors.add(e.toString());
                        }
                    },
                    5,
                    5,
                    TimeUnit.SECONDS);
            scheduler.schedule(done::countDown, LENGTH.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(done.await(LENGTH.toSeconds() + 30, TimeUnit.SECONDS)).isTrue();
            scheduler.shutdownNow();
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                .exceptionally(e -> null)
                .get(30, TimeUnit.SECONDS);
        double heapAfter = heapMetric("jvm.memory.used");

        long[] latencies = results.stream().mapToLong(r -> r[1]).sorted().toArray();
        long[] steady = results.stream()
                .filter(r -> r[2] > 20_000_000_000L)
                .mapToLong(r -> r[1])
                .sorted()
                .toArray();
        Map<Long, Long> statuses = new TreeMap<>();
        results.forEach(r -> statuses.merge(r[0], 1L, Long::sum));
        long serverErrors = results.stream().filter(r -> r[0] >= 500).count();
        double firstWindowMax = heap.stream()
                .filter(h -> h[0] <= 30)
                .mapToDouble(h -> h[1])
                .max()
                .orElse(0);
        double firstWindowMinUnderLoad = heap.stream()
                .filter(h -> h[0] > 0 && h[0] <= 30)
                .mapToDouble(h -> h[1])
                .min()
                .orElse(0);
        double lastWindowMin = heap.stream()
                .filter(h -> h[0] >= elapsed - 30)
                .mapToDouble(h -> h[1])
                .min()
                .orElse(heapAfter);
        double heapPeak = heap.stream().mapToDouble(h -> h[1]).max().orElse(0);
        String report = String.format(
                Locale.ROOT,
                "{\"scenario\":\"sustained-load\",\"seconds\":%.1f,\"requests\":%d,\"throughputPerSecond\":%.1f,"
                        + "\"p50Ms\":%.2f,\"p90Ms\":%.2f,\"p99Ms\":%.2f,\"maxMs\":%.2f,\"p99MsAfterFirst20s\":%.2f,\"statuses\":%s,\"warmUpStatuses\":%s,\"errors\":%d,\"cronErrors\":%s,"
                        + "\"cronCalls\":%s,\"heapMb\":{\"start\":%.1f,\"firstWindowMin\":%.1f,\"firstWindowMax\":%.1f,\"lastWindowMin\":%.1f,"
                        + "\"peak\":%.1f,\"end\":%.1f,\"max\":%.1f},\"heapSamples\":%s}",
                elapsed,
                latencies.length,
                latencies.length / elapsed,
                percentile(latencies, 50),
                percentile(latencies, 90),
                percentile(latencies, 99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6,
                percentile(steady, 99),
                JSON.writeValueAsString(statuses),
                JSON.writeValueAsString(warmup),
                errors.get(),
                JSON.writeValueAsString(cronErrors),
                JSON.writeValueAsString(cronStatuses),
                heap.getFirst()[1],
                firstWindowMinUnderLoad,
                firstWindowMax,
                lastWindowMin,
                heapPeak,
                heapAfter,
                heapMax,
                JSON.writeValueAsString(heap.stream().map(h -> Math.round(h[1])).toList()));
        Scenario.log("sustained load", report);

        assertThat(serverErrors)
                .as(() -> "server errors at (seconds into the minute) "
                        + results.stream()
                                .filter(r -> r[0] >= 500)
                                .map(r -> String.format(Locale.ROOT, "%.1f", r[2] / 1e9))
                                .toList()
                        + "; the service logged:\n"
                        + warningsOfThisRun())
                .isZero();
        assertThat(errors.get()).as("requests without an answer").isZero();
        assertThat(statuses.keySet()).containsOnly(200L);
        assertThat(cronErrors).isEmpty();
        assertThat(cronStatuses).isNotEmpty().allMatch(s -> s == 200);
        assertThat(latencies.length / elapsed).as("throughput").isGreaterThan(RATE_PER_SECOND * 0.9);
        assertThat(lastWindowMin).as("heap floor at the end vs. start").isLessThan(firstWindowMax + 64);
        assertThat(lastWindowMin)
                .as("heap floor at the end vs. the floor under load at the start")
                .isLessThan(firstWindowMinUnderLoad + 64);
        assertThat(heapPeak).isLessThan(heapMax * 0.9);
        assertThat(service.healthStatus()).isEqualTo(200);
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /**
     * What docs/operations.md tells operators: a freshly started JVM compiles its hot paths in its
     * first seconds, so it takes a slow start (a load balancer's slow-start window) before full
     * traffic. As load balancers do it, the rate rises linearly, here from a twentieth of the rate
     * to the full rate in 20 s, so the judged minute continues the ramp without a step. Reported,
     * not judged. (A step from a fifth of the rate to the full rate, with the machine's other core
     * busy, queued 170 requests for a connection in its first seconds: 53 answered 500.)
     */
    private Map<Integer, Long> warmUp(HttpClient client) {
        Map<Integer, Long> statuses = new ConcurrentSkipListMap<>();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        long begin = System.nanoTime();
        long end = begin + WARM_UP.toNanos();
        for (long next = begin, i = 0; next < end; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            calls.add(client.sendAsync(
                            HttpRequest.newBuilder(URI.create(service.base() + READS[(int) (i % READS.length)]))
                                    .timeout(Duration.ofSeconds(10))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .thenAccept(response -> statuses.merge(response.statusCode(), 1L, Long::sum)));
            double rate = RATE_PER_SECOND * Math.max(0.05, (double) (next - begin) / WARM_UP.toNanos());
            next += (long) (1e9 / rate);
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .exceptionally(e -> null)
                .join();
        return statuses;
    }

    /** The warnings, errors and their causes the service logged, each kind once, without timestamp and pid. */
    private String warningsOfThisRun() {
        Map<String, String> firstOfEachKind = new LinkedHashMap<>(); // digits ignored
        service.logOfThisStart()
                .lines()
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.startsWith("Caused by:"))
                .map(line -> line.replaceFirst("^\\S+\\s+(WARN|ERROR) \\d+ --- ", "$1 "))
                .forEach(line -> firstOfEachKind.putIfAbsent(line.replaceAll("\\d+", "#"), line));
        return firstOfEachKind.values().stream().limit(20).collect(Collectors.joining("\n"));
    }

    /** A heap metric of the service in MB (summed over its pools). */
    private double heapMetric(String name) {
        // metrics by name are for the admin token (docs/operations.md, Security)
        HttpResponse<String> response = Scenario.get(
                service,
                "/actuator/metrics/" + name + "?tag=area:heap",
                "Authorization",
                "Bearer " + TestEnvironment.ADMIN_TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        double bytes = JSON.readTree(response.body())
                .path("measurements")
                .get(0)
                .path("value")
                .asDouble();
        return bytes / (1024 * 1024);
    }

    static String describe(long[] values) {
        return Arrays.toString(values);
    }
}
