package io.punctual.scheduler.store.jpa;

import java.util.List;

/**
 * Where a claim's scan of the claim index ({@code claim_due, priority desc, id}) may start while this node drains a
 * backlog.
 *
 * <p>Every claim changes the {@code claim_due} of the rows it claims, and the index entries of their old versions stay
 * at the head of the index until the database cleans them up (on PostgreSQL, a vacuum: the autovacuum looks once a
 * minute). A scan from the start walks them all before it finds a live row, so over a drain each claim costs more than
 * the one before: in S1 (20,000 one-time jobs due at once) the claim's index scan was the largest single cost of
 * PostgreSQL's, 280 buffer accesses per claim of six or seven fires. While a backlog lasts, the next claim therefore
 * starts at the due time of the first row the last one locked: every row before it was claimed, or was locked by
 * another transaction at the time.
 *
 * <p>Rows can come before that floor afterwards, and the floor does not know of them all: a row another transaction
 * held locked and then left claimable (a node's claim rolled back, another run of the job ended), or a row another
 * node made due early (its save, its recovery of a lost node's runs, a run's end releasing a waiting job). So the
 * floor serves only while each claim comes back full (a backlog): the claim after one that found fewer rows than it
 * asked for scans from the start (the store's next due time, which a short claim reads, is the earliest of all rows, so
 * the engine comes back at once for a row the short claim passed over); every {@value #FULL_SCAN_EVERY}th claim scans
 * from the start anyway; and this node's own writes lower the floor ({@link #lower}) or clear it ({@link #clear}). A
 * row before the floor waits at most that many claims (milliseconds while draining), and is then claimed in due order
 * like any other.
 *
 * <p>Thread-safe: claims, outcomes and other writes of the store may run on different threads.
 */
final class ClaimFloor {

    /** A scan from the start after this many claims that started at the floor. */
    static final int FULL_SCAN_EVERY = 16;
    /** No floor: scan from the start. */
    static final long NONE = Long.MIN_VALUE;

    private long floor = NONE;
    private int fromFloor;
    /** The earliest due time this node wrote since the current claim's scan started. */
    private long lowered = Long.MAX_VALUE;

    /** Where the next claim's scan starts ({@link #NONE}: from the start). */
    synchronized long start() {
        lowered = Long.MAX_VALUE;
        if (floor == NONE) {
            return NONE;
        }
        if (++fromFloor >= FULL_SCAN_EVERY) {
            fromFloor = 0;
            return NONE;
        }
        return floor;
    }

    /**
     * A claim's scan locked {@code due} (in index order, as read) when it asked for {@code limit}: when it came back full,
     * the next one starts at its earliest row's due time (or at a due time this node wrote meanwhile, if earlier); else there
     * is no backlog, and the next one scans from the start.
     */
    synchronized void scanned(List<JobEntity> due, int limit) {
        long first = Long.MAX_VALUE;
        for (JobEntity job : due) { // the earliest, not the first: a turnover's outcomes may have changed rows it read
            if (job.claimDue != null) {
                first = Math.min(first, job.claimDue);
            }
        }
        floor = due.size() >= limit && first != Long.MAX_VALUE ? Math.min(first, lowered) : NONE;
    }

    /** This node wrote a row due at {@code claimDue} (null: not claimable): the floor is no later than that. */
    synchronized void lower(Long claimDue) {
        if (claimDue == null) {
            return;
        }
        lowered = Math.min(lowered, claimDue);
        if (floor != NONE && claimDue < floor) {
            floor = claimDue;
        }
    }

    /** This node changed jobs some other way (a save, a resume, a recovery), or another node said it did: scan from the start. */
    synchronized void clear() {
        floor = NONE;
        lowered = Long.MIN_VALUE;
    }
}
