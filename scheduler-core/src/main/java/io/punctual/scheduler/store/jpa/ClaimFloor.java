package io.punctual.scheduler.store.jpa;

/**
 * Where a claim's scan of the claim index ({@code claim_due, priority desc, id}) may start while this node drains a
 * backlog.
 *
 * <p>Every claim changes the {@code claim_due} of the rows it claims, and the index entries of their old versions stay
 * at the head of the index until the database cleans them up (on PostgreSQL, a vacuum: the autovacuum looks once a
 * minute). A scan from the start walks them all before it finds a live row, so over a drain each claim costs more than
 * the one before: in S1 (20,000 one-time jobs due at once) the claim's index scan was the largest single cost of
 * PostgreSQL's, 280 buffer accesses per claim of six or seven fires. While a backlog lasts, the next claim therefore
 * starts where the last one found its first row: every row before it was claimed, or was locked by another transaction
 * at the time.
 *
 * <p>That place is the whole index key of the row ({@link Position}), not only its due time: a backlog of jobs due at
 * the same instant (S1's, a cron herd's) shares one due time, and a scan from that due time walked every entry the
 * backlog's earlier claims had left behind (108 buffer accesses per claim in S1, where the scan from the row's key
 * reads a few).
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

    /**
     * A place in the claim index: at {@code due}, from the row of priority {@code priority} and id {@code id} on (in the
     * index's order: lower priorities and later ids follow); or from the first row due at {@code due}, when
     * {@code id} is null.
     */
    record Position(long due, int priority, String id) {

        static Position at(long due) {
            return new Position(due, 0, null);
        }

        boolean wholeDue() {
            return id == null;
        }
    }

    /** Null: no floor, scan from the start. */
    private Position floor;
    private int fromFloor;
    /** The earliest due time this node wrote since the current claim's scan started. */
    private long lowered = Long.MAX_VALUE;

    /** Where the next claim's scan starts; null: from the start. */
    synchronized Position start() {
        lowered = Long.MAX_VALUE;
        if (floor == null) {
            return null;
        }
        if (++fromFloor >= FULL_SCAN_EVERY) {
            fromFloor = 0;
            return null;
        }
        return floor;
    }

    /**
     * A claim's scan locked {@code rows} rows when it asked for {@code limit}, the first at {@code first} in the claim
     * index and the last at {@code last} (as the scan read them). When it came back full, the next one starts at its first
     * row (or at the first row due at a time this node wrote meanwhile, if earlier); else there is no backlog, and the
     * next one scans from the start.
     *
     * <p>From the first row's whole key when the claim's rows were all due at one time, so more may be; else from the
     * first row due at its due time, which takes one read where a scan from the key takes three.
     */
    synchronized void scanned(Position first, Position last, int rows, int limit) {
        if (rows < limit || first == null || lowered == Long.MIN_VALUE) { // MIN_VALUE: cleared while it scanned
            floor = null;
        } else if (lowered <= first.due()) {
            floor = Position.at(lowered);
        } else {
            floor = last.due() == first.due() ? first : Position.at(first.due());
        }
    }

    /** This node wrote a row due at {@code claimDue} (null: not claimable): the floor is no later than that. */
    synchronized void lower(Long claimDue) {
        if (claimDue == null) {
            return;
        }
        lowered = Math.min(lowered, claimDue);
        if (floor != null && claimDue <= floor.due()) {
            floor = Position.at(claimDue);
        }
    }

    /** This node changed jobs some other way (a save, a resume, a recovery), or another node said it did: scan from the start. */
    synchronized void clear() {
        floor = null;
        lowered = Long.MIN_VALUE;
    }
}
