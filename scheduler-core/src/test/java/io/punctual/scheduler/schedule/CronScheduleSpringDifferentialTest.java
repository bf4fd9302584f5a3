package io.punctual.scheduler.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.scheduling.support.CronExpression;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random 6-field crons must fire exactly when Spring Framework's {@code CronExpression} says, step after step.
 * The zones have no daylight saving time in the period drawn, so only wall-clock matching is compared.
 */
class CronScheduleSpringDifferentialTest {

    private static final int CRONS = 2_000;
    private static final int STEPS = 20;
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Tokyo"));
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};

    private final Random random = new Random(Long.getLong("cron.seed", 20261123L));

    @Test
    void randomSixFieldCronsFireWhenSpringFrameworkSaysTheyDo() {
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        while (compared < CRONS) {
            String expression = randomCron();
            CronExpression spring;
            try {
                spring = CronExpression.parse(expression);
            } catch (IllegalArgumentException springRejects) {
                continue; // e.g. SUN-SAT reads as 7-6 in Spring: not a cron both should accept
            }
            compared++;
            for (ZoneId zone : ZONES) {
                String problem = compare(expression, spring, zone, randomInstant());
                if (problem != null) {
                    disagreements.add(problem);
                }
            }
        }
        assertThat(disagreements).as("disagreements with Spring, of %d crons", compared).isEmpty();
    }

    /**
     * Not compared: {@code L-n} with n past the start of a short month (Spring answers a day of the month before)
     * and {@code nW} for n of 28 and more (Spring skips a month whose day n is both its last day and a Sunday,
     * where the nearest weekday is the Friday before); see the tables in {@link CronScheduleDialectTest}.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0 0 0 L * *", "0 0 0 L-3 * *", "0 0 0 LW * *", "0 0 0 15W * *", "0 0 0 1W * *",
            "0 0 0 27W * *", "0 0 0,12 26W * *", "0 0 0 6W * MON", "0 0 0 2W 1-3 *", "0 0 0 ? * 5L", "0 0 0 ? * FRIL", "0 0 0 ? * 0L", "0 0 0 ? * 7L", "0 0 0 ? * MON#1", "0 0 0 ? * 7#5",
            "0 0 0 ? * 0#2", "0 0 0 ? * sun#3", "0 0 0 L * 5L", "0 0 0 13 * 5L", "0 0 0 L * MON-FRI", "0 0 0 15W * SAT",
            "0 0 0 1-7 * MON#1", "0 30 9 LW JAN-MAR ?", "0 0 0 ? FEB ?", "0 0 12 ? * MON-FRI", "0 0 0 * * ?", "0 0 0 ? * *"})
    void theSpecialCharactersOfASixFieldCronFireWhenSpringFrameworkSaysTheyDo(String expression) {
        for (ZoneId zone : ZONES) {
            for (int i = 0; i < 5; i++) {
                assertThat(compare(expression, CronExpression.parse(expression), zone, randomInstant())).isNull();
            }
        }
    }

    private static String compare(String expression, CronExpression spring, ZoneId zone, Instant start) {
        CronSchedule ours;
        try {
            ours = CronSchedule.parse(expression, zone);
        } catch (RuntimeException e) {
            return expression + ": Spring accepts, we reject: " + e.getMessage();
        }
        ZonedDateTime springCursor = start.atZone(zone);
        Instant cursor = start;
        for (int step = 0; step < STEPS; step++) {
            ZonedDateTime expected = spring.next(springCursor);
            Optional<Instant> actual = ours.next(cursor);
            if (expected == null) {
                return null; // Spring gives up after a bounded search; a later fire from us is not a disagreement
            }
            if (actual.isEmpty() || !actual.get().equals(expected.toInstant())) {
                return expression + " in " + zone + " after " + cursor + ": Spring " + expected.toInstant() + ", we " + actual;
            }
            springCursor = expected;
            cursor = actual.get();
        }
        return null;
    }

    private Instant randomInstant() {
        long from = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2060-01-01T00:00:00Z").getEpochSecond();
        Instant instant = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)));
        return random.nextInt(4) == 0 ? instant.plusMillis(random.nextInt(1000)) : instant;
    }

    private String randomCron() {
        return String.join(" ", field(0, 59, null), field(0, 59, null), field(0, 23, null),
                field(1, 31, null), field(1, 12, MONTHS), field(0, 7, DAYS));
    }

    /** One field: *, a value, a range, a step (*&#47;n, a/n, a-b/n) or a list of values, ranges and steps. */
    private String field(int min, int max, String[] names) {
        int kind = random.nextInt(10);
        if (kind < 3) {
            return random.nextInt(4) == 0 && max != 59 ? "?" : "*";
        }
        if (kind < 8) {
            return element(kind, min, max, names);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 2 + random.nextInt(2); i > 0; i--) {
            parts.add(element(3 + random.nextInt(5), min, max, names));
        }
        return String.join(",", parts);
    }

    private String element(int kind, int min, int max, String[] names) {
        int a = min + random.nextInt(max - min + 1);
        int b = a + random.nextInt(max - a + 1);
        int step = 1 + random.nextInt(Math.max(1, (max - min) / 2));
        return switch (kind) {
            case 3, 4 -> name(a, names);
            case 5 -> name(a, names) + "-" + name(b, names);
            case 6 -> "*/" + step;
            default -> (random.nextBoolean() ? a + "-" + b : String.valueOf(a)) + "/" + step;
        };
    }

    private String name(int value, String[] names) {
        if (names == null || random.nextInt(3) != 0) {
            return String.valueOf(value);
        }
        String name = names == MONTHS ? MONTHS[value - 1] : DAYS[value];
        return random.nextBoolean() ? name : name.toLowerCase(Locale.ROOT);
    }
}
