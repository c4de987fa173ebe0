package dev.valuator.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples, every 5 ms, heap used (MemoryMXBean) and the process RSS (/proc/self/status VmRSS);
 * also resets the heap pools' peak usage before and sums it after, and resets VmHWM
 * (/proc/self/clear_refs) before the run when the kernel allows it. One sampler per measured run.
 */
final class MemorySampler {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong peakHeap = new AtomicLong();
    final AtomicLong peakRss = new AtomicLong();
    long heapBaseline;
    long rssBaseline;
    long poolPeaks;
    long hwmAfter;
    boolean hwmReset;
    private Thread thread;

    void start() {
        System.gc();
        heapBaseline = memory.getHeapMemoryUsage().getUsed();
        peakHeap.set(heapBaseline);
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            hwmReset = true;
        } catch (IOException | RuntimeException e) {
            hwmReset = false;
        }
        rssBaseline = status("VmRSS");
        peakRss.set(rssBaseline);
        thread = Thread.ofPlatform().daemon().name("memory-sampler").start(() -> {
            while (running.get()) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                peakRss.accumulateAndGet(status("VmRSS"), Math::max);
                LockSupport.parkNanos(5_000_000);
            }
        });
    }

    void stop() throws InterruptedException {
        running.set(false);
        thread.join();
        peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
        hwmAfter = status("VmHWM");
    }

    /** A /proc/self/status value in kB. */
    private static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(
                            Arrays.stream(line.split("\\s+")).toList().get(1));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
