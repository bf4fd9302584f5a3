package io.punctual.scheduler.benchmarks.peers;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The due times and run counts of one-time jobs named {@code <prefix><number>} (the scenarios' {@code ol-17},
 * {@code s1-17}), kept by number in arrays instead of maps from id to value. A map entry per job (a node, a boxed
 * value, a counter) is garbage the harness makes while it measures, and, held until the run ends, the bulk of what
 * every young collection copies: at 10,000 jobs a second the harness's maps outweighed the scheduler's own jobs in
 * S6's heap. The first id seen sets the prefix; ids of another form are not taken ({@link #index} says -1) and the
 * recorder keeps them in its maps. The arrays grow in chunks small enough for a young region. Thread-safe.
 */
final class NumberedRuns {

    /** Jobs per chunk: 8,192 due times (64 KiB) and run counts (32 KiB). */
    private static final int CHUNK = 1 << 13;
    /** The largest number kept: 2^21 - 1 (S1's 20,000 and S6's 100,000 are far below). */
    private static final int CHUNKS = 256;
    /** A due time never set: the job was not announced with {@link #expect}. */
    private static final long NONE = Long.MIN_VALUE;

    private volatile String prefix;
    private final AtomicReferenceArray<long[]> due = new AtomicReferenceArray<>(CHUNKS);
    private final AtomicReferenceArray<AtomicIntegerArray> runs = new AtomicReferenceArray<>(CHUNKS);

    /**
     * The job's number when its id is the prefix and a number within range; -1 otherwise. {@code adopt}: the first
     * id of a job (announced or run) sets the prefix; a lookup ({@code false}) never does.
     */
    int index(String id, boolean adopt) {
        String p = prefix;
        if (p == null && !adopt) {
            return -1;
        }
        if (p == null) {
            synchronized (this) {
                if (prefix == null) {
                    int digits = id.length();
                    while (digits > 0 && Character.isDigit(id.charAt(digits - 1))) {
                        digits--;
                    }
                    if (digits == id.length() || digits == 0) {
                        return -1; // no number, or nothing but one: leave such ids to the maps
                    }
                    prefix = id.substring(0, digits);
                }
                p = prefix;
            }
        }
        int length = id.length();
        if (length <= p.length() || length - p.length() > 7 || !id.startsWith(p)) {
            return -1;
        }
        int n = 0;
        for (int i = p.length(); i < length; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        boolean canonical = id.charAt(p.length()) != '0' || length == p.length() + 1; // "ol-07" is not "ol-7"
        return canonical && n < CHUNK * CHUNKS ? n : -1;
    }

    void expect(int index, long dueMicros) {
        chunk(index)[index % CHUNK] = dueMicros;
    }

    /** The due time given to {@link #expect}, or null when none was. */
    Long due(int index) {
        long d = chunk(index)[index % CHUNK];
        return d == NONE ? null : d;
    }

    /** Counts a run; returns how many this job has had. */
    int run(int index) {
        chunk(index);
        return runs.get(index / CHUNK).incrementAndGet(index % CHUNK);
    }

    int runsOf(int index) {
        AtomicIntegerArray r = runs.get(index / CHUNK);
        return r == null ? 0 : r.get(index % CHUNK);
    }

    /** Jobs that ran at least once. */
    int distinct() {
        int count = 0;
        for (int c = 0; c < CHUNKS; c++) {
            AtomicIntegerArray r = runs.get(c);
            for (int i = 0; r != null && i < CHUNK; i++) {
                count += r.get(i) > 0 ? 1 : 0;
            }
        }
        return count;
    }

    /** Runs beyond each job's first. */
    long duplicates() {
        long count = 0;
        for (int c = 0; c < CHUNKS; c++) {
            AtomicIntegerArray r = runs.get(c);
            for (int i = 0; r != null && i < CHUNK; i++) {
                count += Math.max(0, r.get(i) - 1);
            }
        }
        return count;
    }

    /** Jobs announced with {@link #expect} that never ran. */
    long missing() {
        long count = 0;
        for (int c = 0; c < CHUNKS; c++) {
            long[] d = due.get(c);
            for (int i = 0; d != null && i < CHUNK; i++) {
                count += d[i] != NONE && runs.get(c).get(i) == 0 ? 1 : 0;
            }
        }
        return count;
    }

    private long[] chunk(int index) {
        int c = index / CHUNK;
        long[] d = due.get(c);
        if (d == null) {
            synchronized (this) {
                d = due.get(c);
                if (d == null) {
                    runs.set(c, new AtomicIntegerArray(CHUNK));
                    d = new long[CHUNK];
                    java.util.Arrays.fill(d, NONE);
                    due.set(c, d); // published last: a chunk seen here has its counters
                }
            }
        }
        return d;
    }
}
