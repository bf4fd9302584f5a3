package io.punctual.scheduler.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Helpers for tables of expected fires: "a b c" lists of instants, "none" for no further fire. */
final class CronFireTables {

    private CronFireTables() {
    }

    /** The instants listed, separated by spaces; "none" stands for the end of the schedule. */
    static List<String> expected(String list) {
        return Arrays.asList(list.trim().split("\\s+"));
    }

    /** Steps {@code count} times through {@code next}, writing "none" for an empty answer and stopping there. */
    static List<String> steps(String expression, String zone, String after, int count) {
        CronSchedule schedule = CronSchedule.parse(expression, ZoneId.of(zone));
        List<String> fires = new ArrayList<>();
        Instant cursor = Instant.parse(after);
        for (int i = 0; i < count; i++) {
            Optional<Instant> next = schedule.next(cursor);
            if (next.isEmpty()) {
                fires.add("none");
                break;
            }
            fires.add(next.get().toString());
            cursor = next.get();
        }
        return fires;
    }
}
