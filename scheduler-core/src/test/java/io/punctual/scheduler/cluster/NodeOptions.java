package io.punctual.scheduler.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of one {@link ClusterNodeMain} process, written by {@link NodeProcess} and read by the node.
 *
 * @param jdbcUrl      the shared PostgreSQL, user in the URL
 * @param node         the node id
 * @param clockOffset  how far the node's scheduler clock is ahead of the machine's (negative: behind)
 * @param nodeTimeout  silence after which other nodes declare this one lost
 * @param heartbeat    heartbeat interval
 * @param dynamicJobs  how many one-time jobs this node schedules once started (0 for none)
 * @param dynamicDelay delay from the node's start to the first of them
 * @param dynamicSpread time over which their due instants are spread
 * @param queueCapacity the most fires the node may claim beyond its free workers ({@code punctual.executor.queue-capacity});
 *                      null for the default
 */
record NodeOptions(String jdbcUrl, String node, Duration clockOffset, Duration nodeTimeout, Duration heartbeat,
                   int dynamicJobs, Duration dynamicDelay, Duration dynamicSpread, Integer queueCapacity) {

    private static final Pattern DURATION = Pattern.compile("(-?\\d+)(ms|s)");

    NodeOptions withNode(String newNode) {
        return new NodeOptions(jdbcUrl, newNode, clockOffset, nodeTimeout, heartbeat, 0, dynamicDelay, dynamicSpread,
                queueCapacity);
    }

    NodeOptions withClockOffset(Duration offset) {
        return new NodeOptions(jdbcUrl, node, offset, nodeTimeout, heartbeat, dynamicJobs, dynamicDelay, dynamicSpread,
                queueCapacity);
    }

    NodeOptions withDynamicJobs(int count) {
        return new NodeOptions(jdbcUrl, node, clockOffset, nodeTimeout, heartbeat, count, dynamicDelay, dynamicSpread,
                queueCapacity);
    }

    NodeOptions withQueueCapacity(int capacity) {
        return new NodeOptions(jdbcUrl, node, clockOffset, nodeTimeout, heartbeat, dynamicJobs, dynamicDelay, dynamicSpread,
                capacity);
    }

    List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of("--jdbc=" + jdbcUrl, "--node=" + node,
                "--clock-offset=" + clockOffset.toMillis() + "ms",
                "--node-timeout=" + nodeTimeout.toMillis() + "ms", "--heartbeat=" + heartbeat.toMillis() + "ms",
                "--dynamic=" + dynamicJobs, "--dynamic-delay=" + dynamicDelay.toMillis() + "ms",
                "--dynamic-spread=" + dynamicSpread.toMillis() + "ms"));
        if (queueCapacity != null) {
            args.add("--queue-capacity=" + queueCapacity);
        }
        return args;
    }

    /** @throws IllegalArgumentException naming the argument, the value and what is allowed */
    static NodeOptions parse(String[] args) {
        String jdbc = null;
        String node = null;
        Duration offset = Duration.ZERO;
        Duration timeout = Duration.ofSeconds(10);
        Duration heartbeat = Duration.ofSeconds(2);
        int dynamic = 0;
        Duration delay = Duration.ofSeconds(3);
        Duration spread = Duration.ofSeconds(4);
        Integer queue = null; // the default
        List<String> unknown = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq < 0 ? "" : arg.substring(eq + 1);
            switch (name) {
                case "--jdbc" -> jdbc = value;
                case "--node" -> node = value;
                case "--clock-offset" -> offset = duration(name, value);
                case "--node-timeout" -> timeout = duration(name, value);
                case "--heartbeat" -> heartbeat = duration(name, value);
                case "--dynamic" -> dynamic = count(name, value);
                case "--dynamic-delay" -> delay = duration(name, value);
                case "--dynamic-spread" -> spread = duration(name, value);
                case "--queue-capacity" -> queue = count(name, value);
                default -> unknown.add(arg);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown arguments " + unknown + "; allowed: --jdbc --node --clock-offset"
                    + " --node-timeout --heartbeat --dynamic --dynamic-delay --dynamic-spread --queue-capacity");
        }
        if (jdbc == null || jdbc.isBlank() || node == null || node.isBlank()) {
            throw new IllegalArgumentException("--jdbc=<url> and --node=<id> are required, were " + jdbc + " and " + node);
        }
        return new NodeOptions(jdbc, node, offset, timeout, heartbeat, dynamic, delay, spread, queue);
    }

    static Duration duration(String name, String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(name + "='" + value + "' is not a duration; use a whole number of ms or s, e.g. 3s or -500ms");
        }
        long amount = Long.parseLong(m.group(1));
        return m.group(2).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
    }

    private static int count(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + "='" + value + "' is not a count; use a whole number >= 0");
    }
}
