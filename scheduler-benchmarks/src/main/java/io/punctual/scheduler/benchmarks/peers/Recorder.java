package io.punctual.scheduler.benchmarks.peers;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What every contender's job does: notes that it started, when, and for which due time. Lateness (start − due)
 * goes to an HdrHistogram in microseconds; a negative one counts as an early fire. Runs are counted per key
 * (the job id, or id and due time for recurring jobs), so duplicates and missing jobs can be counted afterwards.
 */
public final class Recorder {

    /** One-time jobs numbered by the scenario, without a map entry each; the maps below hold the other keys. */
    private final NumberedRuns numbered = new NumberedRuns();
    private final Map<String, Long> dueMicros = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> lastStartPerDue = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> runsPerDue = new ConcurrentHashMap<>();
    private final Histogram lateness = new ConcurrentHistogram(3);
    private final AtomicLong early = new AtomicLong();
    private final AtomicLong fired = new AtomicLong();
    private final AtomicLong firstStartNanos = new AtomicLong();
    private final AtomicLong lastStartNanos = new AtomicLong();
    private volatile java.util.function.Consumer<String> hook = id -> { };
    /**
     * Start and lateness (µs) of each run, in pairs, when a trace was asked for ({@link #TRACE_DIR}); else null. In
     * chunks of {@link #TRACE_CHUNK} runs made as needed, each small enough for a young region: one array for a million
     * runs would be a humongous object that changes the collections being measured.
     */
    private final long[][] trace = TRACE_DIR == null ? null : new long[TRACE_CAPACITY / TRACE_CHUNK][];
    private final AtomicInteger traced = new AtomicInteger();

    /**
     * With {@code -Dpunctual.bench.lateness-trace=<directory>} every open-loop run (S2, S6) writes each run's start and
     * lateness there, to see when the late ones started (around a GC pause, a claim, a commit).
     */
    static final String TRACE_DIR = System.getProperty("punctual.bench.lateness-trace");
    private static final int TRACE_CAPACITY = 1 << 20;
    private static final int TRACE_CHUNK = 1 << 13;

    /** Where this recorder's runs go instead, once {@link #forwardTo} was called; null before. */
    private volatile Recorder forward;

    /**
     * From now on every run told to this recorder is recorded by {@code next} instead: a contender keeps the recorder it
     * was opened with, and a scenario that measures it again in the same JVM and context (S1 after its warm-up) counts
     * the new round on its own. Returns {@code next}.
     */
    public Recorder forwardTo(Recorder next) {
        this.forward = next;
        return next;
    }

    /** Code every job runs after recording its start (the S5 node prints evidence and works for a while). */
    public Recorder hook(java.util.function.Consumer<String> hook) {
        this.hook = hook;
        return this;
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    static long nowMicros() {
        return micros(Instant.now());
    }

    /** Notes the due time of a one-time job as the scenario scheduled it; {@link #fired(String)} measures against it. */
    public void expect(String id, Instant due) {
        int index = numbered.index(id, true);
        if (index >= 0) {
            numbered.expect(index, micros(due));
        } else {
            dueMicros.put(id, micros(due));
        }
    }

    /** A one-time job started: lateness against the due time given to {@link #expect}. */
    public void fired(String id) {
        Recorder f = forward;
        if (f != null) {
            f.fired(id);
            return;
        }
        int index = numbered.index(id, true);
        Long due = index >= 0 ? numbered.due(index) : dueMicros.get(id);
        record(id, due == null ? nowMicros() : due, id, false, index);
    }

    /** A recurring job started for the due time its scheduler reports. */
    public void firedCron(String id, Instant due) {
        Recorder f = forward;
        if (f != null) {
            f.firedCron(id, due);
            return;
        }
        long d = micros(due);
        record(id, d, id + "@" + d, true, -1);
    }

    /**
     * @param perDue also count the run under its due time (crons, where many jobs share one); one-time jobs each
     *               have their own, so counting them per due time would only grow the harness's heap, a cost that
     *               lands on whichever contender collects garbage most often
     * @param index  the job's number in {@link #numbered}, or -1 when it is counted under {@code key}
     */
    private void record(String id, long due, String key, boolean perDue, int index) {
        long now = nowMicros();
        long nanos = System.nanoTime();
        firstStartNanos.compareAndSet(0, nanos);
        lastStartNanos.accumulateAndGet(nanos, Math::max);
        long late = now - due;
        if (late < 0) {
            early.incrementAndGet();
        }
        lateness.recordValue(Math.max(0, late));
        if (trace != null) {
            int i = traced.getAndIncrement();
            if (i < TRACE_CAPACITY) {
                long[] chunk = traceChunk(i / TRACE_CHUNK);
                chunk[2 * (i % TRACE_CHUNK)] = now;
                chunk[2 * (i % TRACE_CHUNK) + 1] = late;
            }
        }
        if (index >= 0) {
            numbered.run(index);
        } else {
            runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
        if (perDue) {
            runsPerDue.computeIfAbsent(due, k -> new AtomicInteger()).incrementAndGet();
            lastStartPerDue.computeIfAbsent(due, k -> new AtomicLong(Long.MIN_VALUE)).accumulateAndGet(late, Math::max);
        }
        fired.incrementAndGet();
        hook.accept(id);
    }

    /** Writes the trace (start µs since the epoch, lateness µs; one run a line) to {@code name} in {@link #TRACE_DIR}, if asked for. */
    void writeTrace(String name) {
        if (trace == null) {
            return;
        }
        java.nio.file.Path file = java.nio.file.Path.of(TRACE_DIR, name);
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            try (java.io.PrintWriter out = new java.io.PrintWriter(java.nio.file.Files.newBufferedWriter(file))) {
                int n = Math.min(traced.get(), TRACE_CAPACITY);
                for (int i = 0; i < n; i++) {
                    long[] chunk = traceChunk(i / TRACE_CHUNK);
                    out.println(chunk[2 * (i % TRACE_CHUNK)] + "," + chunk[2 * (i % TRACE_CHUNK) + 1]);
                }
            }
        } catch (java.io.IOException e) {
            System.err.println("lateness trace not written to " + file + ": " + e);
        }
    }

    private long[] traceChunk(int index) {
        long[] chunk = trace[index];
        if (chunk == null) {
            synchronized (trace) {
                chunk = trace[index];
                if (chunk == null) {
                    trace[index] = chunk = new long[2 * TRACE_CHUNK];
                }
            }
        }
        return chunk;
    }

    public long fired() {
        return fired.get();
    }

    /** Distinct keys that ran at least once. */
    public int distinct() {
        return runs.size() + numbered.distinct();
    }

    /** Runs beyond the first, summed over keys. */
    public long duplicates() {
        return runs.values().stream().mapToLong(c -> Math.max(0, c.get() - 1)).sum() + numbered.duplicates();
    }

    /** Expected one-time jobs that never ran. */
    public long missing() {
        return dueMicros.keySet().stream().filter(id -> !runs.containsKey(id)).count() + numbered.missing();
    }

    public long early() {
        return early.get();
    }

    public Histogram lateness() {
        return lateness;
    }

    /** Lateness in ms at a percentile; NaN when nothing started (an empty histogram would say 0: on time). */
    public double latenessMs(double percentile) {
        return lateness.getTotalCount() == 0 ? Double.NaN : lateness.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The largest lateness in ms; NaN when nothing started. */
    public double maxLatenessMs() {
        return lateness.getTotalCount() == 0 ? Double.NaN : lateness.getMaxValue() / 1000.0;
    }

    /** Per due time (µs), the lateness of the last run of a recurring job that started for it, in µs. */
    public Map<Long, Long> lastLatenessPerDue() {
        Map<Long, Long> out = new java.util.TreeMap<>();
        lastStartPerDue.forEach((due, late) -> out.put(due, late.get()));
        return out;
    }

    /** Runs of recurring jobs (duplicates included) recorded for one due time in µs. */
    public int runsForDue(long dueMicros) {
        AtomicInteger c = runsPerDue.get(dueMicros);
        return c == null ? 0 : c.get();
    }

    /** Runs counted for one key (id, or id@dueMicros). */
    public int runsOf(String key) {
        int index = numbered.index(key, false);
        if (index >= 0) {
            return numbered.runsOf(index);
        }
        AtomicInteger c = runs.get(key);
        return c == null ? 0 : c.get();
    }

    /** Seconds from the first start to the last one. */
    public double spanSeconds() {
        return (lastStartNanos.get() - firstStartNanos.get()) / 1e9;
    }

    public long lastStartNanos() {
        return lastStartNanos.get();
    }

    /** Waits until at least {@code count} runs were recorded; false when {@code timeout} passed first. */
    public boolean awaitFired(long count, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (fired.get() < count) {
            if (System.nanoTime() > end) {
                return false;
            }
            LockSupport.parkNanos(5_000_000);
        }
        return true;
    }

    /** Waits until no run has been recorded for {@code quiet} (to catch late duplicates), at most {@code max}. */
    public void awaitQuiet(Duration quiet, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        long seen = fired.get();
        long since = System.nanoTime();
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(50_000_000);
            long now = fired.get();
            if (now != seen) {
                seen = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since >= quiet.toNanos()) {
                return;
            }
        }
    }
}
