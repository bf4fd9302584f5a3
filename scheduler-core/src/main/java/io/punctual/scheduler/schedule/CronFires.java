package io.punctual.scheduler.schedule;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.Optional;

/**
 * The fires of a cron in a zone, by Vixie cron's daylight-saving rule.
 *
 * <p>cron-utils is only asked which wall-clock times match (it evaluates in UTC, where every local time exists
 * exactly once); this class decides which instants those wall-clock times become. Time is walked one offset
 * segment (the instants between two zone transitions) at a time: inside a segment the offset is constant, so
 * wall-clock order is instant order, and segments are visited in instant order, which keeps results strictly
 * increasing even when an overlap repeats wall-clock times.
 * <ul>
 *   <li>A fixed-time cron fires once in an overlap, at the first occurrence (the segment after an overlap
 *       skips wall-clock times that already occurred), and at the end of a gap for a time the gap skips.</li>
 *   <li>Any other cron fires at every matching instant that exists: twice for a matching time in an overlap,
 *       never for a time in a gap.</li>
 * </ul>
 */
final class CronFires {

    /** Transitions are usually twice a year: this bounds the walk to centuries, far beyond any cron's reach. */
    private static final int MAX_SEGMENTS = 1_000;

    private final WallClockCron wallClock;
    private final ZoneRules rules;
    private final boolean fixedTime;

    CronFires(WallClockCron wallClock, ZoneRules rules, boolean fixedTime) {
        this.wallClock = wallClock;
        this.rules = rules;
        this.fixedTime = fixedTime;
    }

    /** The first fire strictly after {@code after}. */
    Optional<Instant> next(Instant after) {
        long second = after.getEpochSecond(); // the whole second it falls in: what the answer depends on
        Answer last = lastAnswer;
        if (last != null && last.second == second) {
            return last.next;
        }
        Optional<Instant> next;
        try {
            next = walk(after);
        } catch (DateTimeException | ArithmeticException e) {
            next = Optional.empty(); // beyond the range java.time can represent: no fire there
        }
        lastAnswer = new Answer(second, next);
        return next;
    }

    /**
     * The last answer, for every instant of the whole second it was asked in: fires are whole seconds, and so are the
     * zone's transitions, so the first fire strictly after any instant of second {@code k} is the first at or after
     * {@code k + 1}. Jobs on one cron share this object ({@link CronSchedule#parse} keeps what it parsed), and ask
     * together: each claim asks for the fire after the same instant, job after job (S3: 10,000 jobs at second 0, where
     * cron-utils' search was most of a claim's time in the application), and jobs saved within a second ask for their
     * first fire after that second.
     */
    private volatile Answer lastAnswer;

    private record Answer(long second, Optional<Instant> next) {
    }

    private Optional<Instant> walk(Instant after) {
        Instant cursor = after;
        ZoneOffset offset = rules.getOffset(after);
        ZoneOffsetTransition entered = rules.previousTransition(after.plusNanos(1));
        LocalDateTime from = LocalDateTime.ofInstant(after, offset);
        boolean inclusive = false;
        Search search = new Search();
        for (int i = 0; i < MAX_SEGMENTS; i++) {
            if (fixedTime && entered != null && entered.isOverlap() && from.isBefore(entered.getDateTimeBefore())) {
                // these wall-clock times already occurred before the clocks went back
                from = entered.getDateTimeBefore();
                inclusive = true;
            }
            Optional<LocalDateTime> found = search.next(from, inclusive);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            LocalDateTime match = found.get();
            ZoneOffsetTransition leaving = rules.nextTransition(cursor);
            if (leaving == null || match.isBefore(leaving.getDateTimeBefore())) {
                return Optional.of(match.toInstant(offset));
            }
            if (fixedTime && leaving.isGap() && match.isBefore(leaving.getDateTimeAfter())) {
                return Optional.of(leaving.getInstant());
            }
            entered = leaving;
            cursor = leaving.getInstant();
            offset = leaving.getOffsetAfter();
            from = leaving.getDateTimeAfter();
            inclusive = true;
        }
        return Optional.empty();
    }

    /**
     * Wall-clock matching with a memory of the last answer: when a later segment starts before that answer,
     * it is still the answer, which spares cron-utils a search per segment for crons that fire once in years.
     */
    private final class Search {
        private LocalDateTime lastFrom;
        private LocalDateTime lastMatch;

        Optional<LocalDateTime> next(LocalDateTime from, boolean inclusive) {
            if (lastMatch != null && from.isAfter(lastFrom) && (inclusive ? !from.isAfter(lastMatch) : from.isBefore(lastMatch))) {
                return Optional.of(lastMatch);
            }
            LocalDateTime second = from.truncatedTo(ChronoUnit.SECONDS);
            // matches are whole seconds, strictly after the probe
            LocalDateTime probe = inclusive && second.equals(from) ? second.minusSeconds(1) : second;
            Optional<LocalDateTime> match = wallClock.nextAfter(probe);
            lastFrom = from;
            lastMatch = match.orElse(null);
            return match;
        }
    }
}
