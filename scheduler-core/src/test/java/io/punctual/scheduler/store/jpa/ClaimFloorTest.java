package io.punctual.scheduler.store.jpa;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a claim's scan starts: the rules of {@link ClaimFloor}, without a database. */
class ClaimFloorTest {

    private final ClaimFloor floor = new ClaimFloor();

    @Test
    void withoutABacklogEveryScanStartsAtTheStart() {
        assertThat(floor.start()).isEqualTo(ClaimFloor.NONE);
        floor.scanned(due(100, 200), 3); // short
        assertThat(floor.start()).isEqualTo(ClaimFloor.NONE);
        floor.scanned(List.of(), 3);
        assertThat(floor.start()).isEqualTo(ClaimFloor.NONE);
    }

    @Test
    void aFullScanSetsTheFloorAtItsEarliestRowAndAShortOneClearsIt() {
        floor.start();
        floor.scanned(due(300, 100, 200), 3); // as a turnover's outcomes may have left them: not in order
        assertThat(floor.start()).isEqualTo(100);
        floor.scanned(due(400), 3);
        assertThat(floor.start()).isEqualTo(ClaimFloor.NONE);
    }

    @Test
    void everyFewClaimsOneScansFromTheStartWhateverTheBacklog() {
        floor.start();
        floor.scanned(due(100, 200), 2);
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 2 * ClaimFloor.FULL_SCAN_EVERY; i++) {
            long start = floor.start();
            starts.add(start);
            floor.scanned(due(100 + i, 200 + i), 2);
        }
        assertThat(starts.stream().filter(s -> s == ClaimFloor.NONE).count()).isEqualTo(2);
        assertThat(starts.subList(0, ClaimFloor.FULL_SCAN_EVERY - 1)).doesNotContain(ClaimFloor.NONE);
    }

    @Test
    void aDueTimeWrittenBeforeTheFloorLowersItEvenWhileAScanIsUnderWay() {
        floor.start();
        floor.scanned(due(100, 200), 2);
        floor.lower(50L);
        assertThat(floor.start()).isEqualTo(50);
        floor.lower(20L); // written while that claim's scan runs: the scan cannot have seen it
        floor.scanned(due(60, 70), 2);
        assertThat(floor.start()).isEqualTo(20);
        floor.lower(null); // not claimable: changes nothing
        floor.lower(500L);
        floor.scanned(due(30, 40), 2);
        assertThat(floor.start()).isEqualTo(30);
    }

    @Test
    void aClearWhileAScanIsUnderWayOutlivesThatScan() {
        floor.start();
        floor.scanned(due(100, 200), 2);
        assertThat(floor.start()).isEqualTo(100);
        floor.clear(); // another node's save, say, while the claim scans from 100
        floor.scanned(due(150, 160), 2);
        assertThat(floor.start()).isEqualTo(ClaimFloor.NONE);
    }

    private static List<JobEntity> due(long... claimDue) {
        List<JobEntity> jobs = new ArrayList<>();
        for (long due : claimDue) {
            JobEntity job = new JobEntity("j" + due);
            job.claimDue = due;
            jobs.add(job);
        }
        return jobs;
    }
}
