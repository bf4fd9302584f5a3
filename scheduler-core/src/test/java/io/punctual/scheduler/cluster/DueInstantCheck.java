package io.punctual.scheduler.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether every due instant of a periodic job in a window ran exactly once by the evidence, or, where it did not run,
 * was recorded per policy: a misfired, coalesced or skipped history row covering it during the outage, or a
 * {@code lost} row of the killed node. Everything else is a failure, named with its instants.
 */
final class DueInstantCheck {

    private static final int SHOWN = 15;
    private static final Pattern SPAN = Pattern.compile("due (\\S+) to (\\S+)");

    /**
     * What became of the due instants of one job; {@link #failures()} lists what breaks the promise (a fire run twice,
     * a fire neither run nor recorded), {@link #late()} the fires recorded per policy outside the outage: late beyond
     * their period under load (coalesced), or finding their slot held (skipped), e.g. by the killed node's run until
     * it was declared lost. Those are accounted for, as the policy says, and reported.
     */
    record Result(String jobId, int expected, int ranOnce, int recordedPerPolicy, List<String> late, List<String> failures) {

        String summary() {
            return jobId + ": " + expected + " due instants, " + ranOnce + " ran once, " + recordedPerPolicy
                    + " recorded per policy during the outage, " + late.size() + " recorded per policy outside it "
                    + late.stream().collect(Collectors.groupingBy(t -> t.split(" ")[1], TreeMap::new, Collectors.counting()))
                    + ", " + failures.size() + " problem group(s)";
        }
    }

    private DueInstantCheck() {
    }

    /**
     * @param grid the due instants' phase: any instant on the job's grid (the epoch for a per-second cron)
     * @param to   exclusive end of the window
     */
    static Result check(String jobId, Duration period, Instant grid, Instant from, Instant to, ClusterRun run,
                        List<EvidenceTable.Row> evidence, List<ExecutionHistoryTable.Row> history) {
        Map<Instant, List<EvidenceTable.Row>> runs = evidence.stream().filter(r -> r.jobId().equals(jobId))
                .collect(Collectors.groupingBy(EvidenceTable.Row::due, TreeMap::new, Collectors.toList()));
        List<ExecutionHistoryTable.Row> rows = history.stream().filter(r -> r.jobId().equals(jobId)).toList();
        List<String> doubled = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> notRunOutsideOutage = new ArrayList<>();
        int ranOnce = 0;
        int perPolicy = 0;
        int expected = 0;
        for (Instant due = firstOnGrid(grid, period, from); due.isBefore(to); due = due.plus(period)) {
            expected++;
            List<EvidenceTable.Row> ran = runs.getOrDefault(due, List.of());
            if (ran.size() == 1) {
                ranOnce++;
                continue;
            }
            if (ran.size() > 1) {
                doubled.add(due + " ran " + ran.size() + "x: " + ran.stream().map(r -> r.node() + "@" + r.start()).toList());
                continue;
            }
            Optional<ExecutionHistoryTable.Row> record = recordOf(due, period, rows);
            boolean notRun = record.filter(r -> r.is("MISFIRED") || r.is("COALESCED") || r.is("SKIPPED")).isPresent();
            boolean lostWithVictim = record.filter(r -> r.is("LOST") && r.node().equals(run.victim)).isPresent();
            if ((notRun && run.inOutageTolerance(due)) || lostWithVictim) {
                perPolicy++;
            } else if (notRun) {
                notRunOutsideOutage.add(due + " " + record.get().outcome() + " (" + record.get().detail() + ")");
            } else {
                missing.add(due + record.map(r -> " history: " + r).orElse(" (no evidence, no history row)"));
            }
        }
        List<String> failures = new ArrayList<>();
        addGroup(failures, jobId + ": due instants that ran more than once", doubled);
        addGroup(failures, jobId + ": due instants neither run nor recorded per policy", missing);
        addGroup(failures, jobId + ": runs whose due time is off the schedule's grid", offGrid(jobId, period, grid, evidence));
        return new Result(jobId, expected, ranOnce, perPolicy, notRunOutsideOutage, failures);
    }

    /** The phase most due times of {@code jobId} share, by the evidence: the grid of a fixed rate anchored at its first save. */
    static Instant dominantGrid(String jobId, Duration period, List<EvidenceTable.Row> evidence) {
        long p = Micros.of(Instant.EPOCH.plus(period));
        return evidence.stream().filter(r -> r.jobId().equals(jobId))
                .collect(Collectors.groupingBy(r -> Math.floorMod(r.dueMicros(), p), Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).map(e -> Micros.toInstant(e.getKey()))
                .orElse(Instant.EPOCH);
    }

    static Instant firstOnGrid(Instant grid, Duration period, Instant from) {
        long p = Micros.of(Instant.EPOCH.plus(period));
        long start = Micros.of(from) + (from.getNano() % 1_000 == 0 ? 0 : 1); // due times are whole microseconds
        long offset = Math.floorMod(start - Micros.of(grid), p);
        return Micros.toInstant(offset == 0 ? start : start + p - offset);
    }

    /** The history row that accounts for a fire due at {@code due} that left no evidence, if any. */
    private static Optional<ExecutionHistoryTable.Row> recordOf(Instant due, Duration period, List<ExecutionHistoryTable.Row> rows) {
        return rows.stream().filter(r -> r.outcome() != null && !due.isBefore(r.scheduled()) && !due.isAfter(lastDue(r, period)))
                .max(Comparator.comparing(ExecutionHistoryTable.Row::scheduled));
    }

    /** The newest due time a history row stands for: its detail's span, else {@code count} periods from its first. */
    private static Instant lastDue(ExecutionHistoryTable.Row row, Duration period) {
        if (row.detail() != null) {
            Matcher m = SPAN.matcher(row.detail());
            if (m.find()) {
                try {
                    return Instant.parse(m.group(2));
                } catch (RuntimeException ignored) {
                    // fall back to the count
                }
            }
        }
        return row.scheduled().plus(period.multipliedBy(Math.max(0, row.count() - 1)));
    }

    private static List<String> offGrid(String jobId, Duration period, Instant grid, List<EvidenceTable.Row> evidence) {
        long p = Micros.of(Instant.EPOCH.plus(period));
        long phase = Math.floorMod(Micros.of(grid), p);
        return evidence.stream().filter(r -> r.jobId().equals(jobId) && Math.floorMod(r.dueMicros(), p) != phase)
                .map(EvidenceTable.Row::toString).toList();
    }

    static void addGroup(List<String> failures, String title, List<String> items) {
        if (!items.isEmpty()) {
            failures.add(title + ": " + items.size() + shown(items, Function.identity()));
        }
    }

    static <T> String shown(List<T> items, Function<T, String> text) {
        StringBuilder b = new StringBuilder();
        items.stream().limit(SHOWN).forEach(i -> b.append("\n      ").append(text.apply(i)));
        if (items.size() > SHOWN) {
            b.append("\n      ... and ").append(items.size() - SHOWN).append(" more");
        }
        return b.toString();
    }
}
