package io.punctual.scheduler.benchmarks.peers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What S5's nodes printed: per job, each start and end with its node and time (µs). */
final class Evidence {

    record Event(String node, boolean start, long micros) {
    }

    private final Map<String, List<Event>> events = new ConcurrentHashMap<>();
    private final AtomicInteger starts = new AtomicInteger();

    /** Reads one line of a node's output; returns false for other lines (logs). */
    boolean line(String node, String line) {
        String[] parts = line.split(" ");
        if (parts.length != 3 || !(parts[0].equals("S") || parts[0].equals("E"))) {
            return false;
        }
        boolean start = parts[0].equals("S");
        events.computeIfAbsent(parts[1], k -> new CopyOnWriteArrayList<>()).add(new Event(node, start, Long.parseLong(parts[2])));
        if (start) {
            starts.incrementAndGet();
        }
        return true;
    }

    int starts() {
        return starts.get();
    }

    /** Jobs with at least one end. */
    long finished() {
        return events.values().stream().filter(e -> e.stream().anyMatch(x -> !x.start())).count();
    }

    /** in flight at kill, retried, retry after s (max), all done after kill s, duplicates, lost. */
    double[] summary(String killedNode, long killedMicros, int n) {
        int inFlight = 0;
        int retried = 0;
        long retryAfter = 0;
        long lastEnd = 0;
        int duplicates = 0;
        for (List<Event> job : events.values()) {
            long ends = job.stream().filter(e -> !e.start()).count();
            duplicates += ends > 1 ? 1 : 0;
            lastEnd = Math.max(lastEnd, job.stream().filter(e -> !e.start()).mapToLong(Event::micros).max().orElse(0));
            boolean startedOnKilled = job.stream().anyMatch(e -> e.start() && e.node().equals(killedNode));
            boolean endedOnKilled = job.stream().anyMatch(e -> !e.start() && e.node().equals(killedNode));
            if (startedOnKilled && !endedOnKilled) {
                inFlight++;
                long again = job.stream().filter(e -> e.start() && !e.node().equals(killedNode))
                        .mapToLong(Event::micros).min().orElse(-1);
                if (again > 0) {
                    retried++;
                    retryAfter = Math.max(retryAfter, again - killedMicros);
                }
            }
        }
        return new double[]{inFlight, retried, retried == 0 ? Double.NaN : retryAfter / 1e6,
                Math.max(0, lastEnd - killedMicros) / 1e6, duplicates, n - finished()};
    }
}
