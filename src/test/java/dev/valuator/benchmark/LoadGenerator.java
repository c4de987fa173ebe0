package dev.valuator.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open-loop HTTP load generator meant to run in a process of its own, so that the latencies it
 * reports are not the service's JVM measuring itself: one GET every 1/rate s per target for the
 * given seconds (after a warm-up of the same shape, not reported), latency from the send. Prints
 * one JSON line per target.
 *
 * <p>Arguments: {@code rate seconds warmupSeconds name=url [name=url …]}.
 */
public final class LoadGenerator {

    private LoadGenerator() {}

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        double seconds = Double.parseDouble(args[1]);
        double warmup = Double.parseDouble(args[2]);
        ExecutorService executor = Executors.newFixedThreadPool(16);
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            for (int i = 3; i < args.length; i++) {
                String name = args[i].substring(0, args[i].indexOf('='));
                URI url = URI.create(args[i].substring(name.length() + 1));
                load(client, url, rate, warmup);
                long[] latencies = load(client, url, rate, seconds);
                System.out.println(json(name, latencies, rate, seconds));
            }
        } finally {
            executor.shutdown();
        }
    }

    /** Latencies in nanoseconds, sorted; a failed request or a non-200 answer counts as -1. */
    private static long[] load(HttpClient client, URI url, int rate, double seconds) throws InterruptedException {
        int total = (int) Math.round(rate * seconds);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(total);
        AtomicInteger sent = new AtomicInteger();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        scheduler.scheduleAtFixedRate(
                () -> {
                    if (sent.incrementAndGet() > total) {
                        return;
                    }
                    long start = System.nanoTime();
                    client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                            .whenComplete((response, failure) -> {
                                boolean ok = failure == null && response.statusCode() == 200;
                                latencies.add(ok ? System.nanoTime() - start : -1L);
                                done.countDown();
                            });
                },
                0,
                1_000_000_000L / rate,
                TimeUnit.NANOSECONDS);
        boolean finished = done.await(120, TimeUnit.SECONDS);
        scheduler.shutdownNow();
        if (!finished) {
            throw new IllegalStateException("load on " + url + " did not finish");
        }
        return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static String json(String name, long[] sorted, int rate, double seconds) {
        long errors = Arrays.stream(sorted).filter(l -> l < 0).count();
        long[] ok = Arrays.stream(sorted).filter(l -> l >= 0).toArray();
        return String.format(
                Locale.ROOT,
                "{\"name\":\"%s\",\"rate\":%d,\"seconds\":%s,\"requests\":%d,\"errors\":%d,"
                        + "\"p50Ms\":%.2f,\"p99Ms\":%.2f,\"maxMs\":%.2f}",
                name,
                rate,
                seconds,
                sorted.length,
                errors,
                percentile(ok, 0.50),
                percentile(ok, 0.99),
                ok.length == 0 ? 0 : ok[ok.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
