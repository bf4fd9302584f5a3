package io.punctual.scheduler;

import io.punctual.scheduler.schedule.Durations;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a job's attributes as users write them (all strings, as in {@code @ScheduledJob} and in
 * {@code punctual.jobs.<id>.*} properties) into a {@link JobDefinition}. Blank values mean "not set".
 * Keys are the annotation's names ({@code fixedRate}) or their kebab-case form ({@code fixed-rate}).
 *
 * <p>Every bad value raises an {@link InvalidJobDefinitionException} naming the job, the attribute, the value
 * and what is allowed.
 */
public final class JobAttributes {

    /** Every attribute name this parser understands. */
    public static final List<String> NAMES = List.of("cron", "fixedRate", "fixedDelay", "at", "initialDelay", "zone",
            "jitter", "startAt", "endAt", "misfire", "misfireGrace", "coalesce", "maxCatchUp", "maxInstances", "retries",
            "retryBackoff", "timeout", "scope", "priority", "tags", "enabled");

    /** The attributes that choose the kind of schedule, named by {@link ScheduleKind#word()}; exactly one must be set. */
    public static final List<String> KINDS = Arrays.stream(ScheduleKind.values()).map(ScheduleKind::word).toList();
    /** The zones accepted, for error messages. */
    public static final String ZONE_ALLOWED = "a region id such as Europe/Berlin or UTC, or an offset such as +02:00";
    private static final String INSTANT_ALLOWED = "an ISO-8601 instant such as 2026-12-24T17:30:00Z, or a local date-time such as 2026-12-24T17:30 read in the job's zone";

    private final String jobId;
    private final Map<String, String> values;
    private final ZoneId zone;

    private JobAttributes(String jobId, Map<String, String> values, ZoneId defaultZone) {
        this.jobId = jobId;
        this.values = values;
        this.zone = text("zone") == null ? defaultZone : parse("zone", ZoneId::of, ZONE_ALLOWED);
    }

    /**
     * @param defaultZone the zone of crons and local date-times when {@code zone} is not set
     * @throws InvalidJobDefinitionException for an unknown attribute or a bad value
     */
    public static JobDefinition toDefinition(String jobId, Map<String, String> attributes, ZoneId defaultZone) {
        Map<String, String> normalised = new LinkedHashMap<>();
        attributes.forEach((key, value) -> {
            String name = camelCase(key);
            if (!NAMES.contains(name)) {
                throw new InvalidJobDefinitionException(jobId, key, value, "unknown attribute", String.join(", ", NAMES), null);
            }
            normalised.put(name, value);
        });
        return new JobAttributes(jobId, normalised, defaultZone).build();
    }

    private JobDefinition build() {
        Schedule schedule;
        try {
            schedule = schedule().between(instant("startAt"), instant("endAt"));
        } catch (InvalidScheduleException e) {
            throw new InvalidJobDefinitionException(jobId, "endAt", text("endAt"), e.getMessage(), e.allowed(), e);
        }
        JobPolicy d = JobPolicy.defaults();
        JobPolicy policy = new JobPolicy(
                    parseOr("misfire", MisfirePolicy::fromWord, MisfirePolicy.allowed(), d.misfire()),
                    duration("misfireGrace", d.misfireGrace()),
                    bool("coalesce", d.coalesce()),
                    integer("maxCatchUp", 1, d.maxCatchUp()),
                    integer("maxInstances", 1, d.maxInstances()),
                    integer("retries", 0, d.retries()),
                    duration("retryBackoff", d.retryBackoff()),
                    positiveDuration("timeout"),
                    parseOr("scope", JobScope::fromWord, JobScope.allowed(), d.scope()),
                    integer("priority", Integer.MIN_VALUE, d.priority()),
                    duration("jitter", d.jitter()));
        Duration initialDelay = duration("initialDelay", Duration.ZERO);
        return new JobDefinition(jobId, schedule, policy, tags(), bool("enabled", true), initialDelay, null, null);
    }

    private Schedule schedule() {
        List<String> set = KINDS.stream().filter(k -> text(k) != null).toList();
        if (set.size() != 1) {
            String value = set.isEmpty() ? "none" : String.join(", ", set.stream().map(k -> k + "=" + text(k)).toList());
            throw new InvalidJobDefinitionException(jobId, "schedule", value,
                    set.isEmpty() ? "no schedule is set" : "several schedule kinds are set",
                    "exactly one of " + ScheduleKind.allowed(), null);
        }
        String kind = set.get(0);
        String value = text(kind);
        try {
            return switch (ScheduleKind.fromWord(kind)) {
                case CRON -> firesAtAll(Schedule.cron(value, zone), value);
                case FIXED_RATE -> Schedule.fixedRate(duration(kind, null));
                case FIXED_DELAY -> Schedule.fixedDelay(duration(kind, null));
                case AT -> Schedule.at(instant(kind));
            };
        } catch (InvalidScheduleException e) {
            throw new InvalidJobDefinitionException(jobId, kind, value, e.getMessage(), e.allowed(), e);
        }
    }

    private String text(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private <T> T parse(String name, Function<String, T> parser, String allowed) {
        String v = text(name);
        try {
            return parser.apply(v);
        } catch (RuntimeException e) {
            throw new InvalidJobDefinitionException(jobId, name, v, null, allowed, e);
        }
    }

    private <T> T parseOr(String name, Function<String, T> parser, String allowed, T fallback) {
        return text(name) == null ? fallback : parse(name, parser, allowed);
    }

    private Duration duration(String name, Duration fallback) {
        Duration d = parseOr(name, Durations::parse, Durations.ALLOWED, fallback);
        if (d != null && d.isNegative()) {
            throw new InvalidJobDefinitionException(jobId, name, text(name), "must not be negative", Durations.ALLOWED, null);
        }
        return d;
    }

    private Duration positiveDuration(String name) {
        Duration d = duration(name, null);
        if (d != null && d.isZero()) {
            throw new InvalidJobDefinitionException(jobId, name, text(name), "must be positive",
                    "a positive duration such as 30s, 5m or PT30S", null);
        }
        return d;
    }

    private int integer(String name, int min, int fallback) {
        String allowed = min == Integer.MIN_VALUE ? "an integer" : "an integer of " + min + " or more";
        int v = parseOr(name, JobAttributes::wholeNumber, allowed, fallback);
        if (v < min) {
            throw new InvalidJobDefinitionException(jobId, name, text(name), null, allowed, null);
        }
        return v;
    }

    /**
     * Where {@link #firesAtAll} starts looking. A cron without a year repeats with the Gregorian calendar, so a
     * date it matches at all comes within 28 years of any instant (29 February on a given weekday is the rarest).
     */
    private static final Instant NEVER_PROBE = Instant.parse("2000-01-01T00:00:00Z");

    /**
     * A cron whose fields are each valid but match no date together (30 February, 31 April) would be declared,
     * listed as completed and never fire, without a word: it is refused like an invalid one. A cron with a year
     * field is left alone: its years may all have passed, which is a one-time job in the past, not a mistake.
     */
    private Schedule firesAtAll(Schedule cron, String value) {
        String[] fields = value.trim().split("\\s+");
        boolean hasYear = fields.length == 7 && !fields[6].equals("*") && !fields[6].equals("?");
        if (!hasYear && cron.next(NEVER_PROBE).isEmpty()) {
            throw new InvalidJobDefinitionException(jobId, "cron", value, "Invalid cron expression '" + value
                    + "': it matches no date, so it would never fire (its day-of-month does not occur in its months, "
                    + "e.g. 30 February or 31 April)", "a cron expression that matches at least one date", null);
        }
        return cron;
    }

    /** An int, refused with a message of its own instead of {@link NumberFormatException}'s "For input string". */
    private static int wholeNumber(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(text.matches("[-+]?\\d+")
                    ? "'" + text + "' is out of range (at most " + Integer.MAX_VALUE + ")"
                    : "'" + text + "' is not a whole number", e);
        }
    }

    private boolean bool(String name, boolean fallback) {
        return parseOr(name, s -> switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(s);
        }, "true or false", fallback);
    }

    private Instant instant(String name) {
        return parseOr(name, this::toInstant, INSTANT_ALLOWED, null);
    }

    private Instant toInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).atZone(zone).toInstant();
            } catch (DateTimeException e2) {
                throw new IllegalArgumentException(s, e2);
            }
        }
    }

    private Set<String> tags() {
        String v = text("tags");
        if (v == null) {
            return Set.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        Arrays.stream(v.split(",")).map(String::trim).filter(t -> !t.isEmpty()).forEach(tags::add);
        return tags;
    }

    /** {@code fixed-rate} → {@code fixedRate}; names already in camel case are returned as they are. */
    public static String camelCase(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '-' || c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }
}
