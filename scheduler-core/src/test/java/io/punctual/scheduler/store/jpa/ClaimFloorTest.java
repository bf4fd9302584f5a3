package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.store.jpa.ClaimFloor.Position;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a claim's scan starts: the rules of {@link ClaimFloor}, without a database. */
class ClaimFloorTest {

    private final ClaimFloor floor = new ClaimFloor();

    @Test
    void withoutABacklogEveryScanStartsAtTheStart() {
        assertThat(floor.start()).isNull();
        floor.scanned(row(100), row(100), 2, 3); // short
        assertThat(floor.start()).isNull();
        floor.scanned(null, null, 0, 3);
        assertThat(floor.start()).isNull();
    }

    @Test
    void aFullScanSetsTheFloorAtItsFirstRowsWholeKeyAndAShortOneClearsIt() {
        floor.start();
        Position first = new Position(100, 5, "j-042");
        floor.scanned(first, first, 3, 3);
        assertThat(floor.start()).isEqualTo(first);
        floor.scanned(row(400), row(400), 1, 3);
        assertThat(floor.start()).isNull();
    }

    @Test
    void aFullScanWhoseRowsWereDueAtDifferentTimesSetsTheFloorAtTheFirstRowsWholeDueTime() {
        floor.start();
        floor.scanned(new Position(100, 5, "j-042"), new Position(101, 0, "j-007"), 3, 3);
        assertThat(floor.start()).as("one read from its due time; three from a key that may end the group")
                .isEqualTo(Position.at(100));
    }

    @Test
    void everyFewClaimsOneScansFromTheStartWhateverTheBacklog() {
        floor.start();
        floor.scanned(row(100), row(100), 2, 2);
        List<Position> starts = new ArrayList<>();
        for (int i = 0; i < 2 * ClaimFloor.FULL_SCAN_EVERY; i++) {
            starts.add(floor.start());
            floor.scanned(row(100 + i), row(100 + i), 2, 2);
        }
        assertThat(starts.stream().filter(s -> s == null).count()).isEqualTo(2);
        assertThat(starts.subList(0, ClaimFloor.FULL_SCAN_EVERY - 1)).doesNotContainNull();
    }

    @Test
    void aDueTimeWrittenAtOrBeforeTheFloorLowersItToThatWholeDueTimeEvenWhileAScanIsUnderWay() {
        floor.start();
        floor.scanned(row(100), row(100), 2, 2);
        floor.lower(100L); // at the floor's own due time: maybe before its row in the index
        assertThat(floor.start()).isEqualTo(Position.at(100));
        floor.scanned(row(100), row(100), 2, 2);
        floor.lower(50L);
        assertThat(floor.start()).isEqualTo(Position.at(50));
        floor.lower(20L); // written while that claim's scan runs: the scan cannot have seen it
        floor.scanned(row(60), row(60), 2, 2);
        assertThat(floor.start()).isEqualTo(Position.at(20));
        floor.lower(null); // not claimable: changes nothing
        floor.lower(500L);
        floor.scanned(row(30), row(30), 2, 2);
        assertThat(floor.start()).isEqualTo(row(30));
    }

    @Test
    void aDueTimeWrittenWhileAScanIsUnderWayAtTheDueTimeOfItsFirstRowMakesTheFloorThatWholeDueTime() {
        floor.start(); // no floor yet: the write below can only be remembered for the scan under way
        floor.lower(100L); // a row due at 100 that may sort before the scan's first row (a higher priority, an earlier id)
        floor.scanned(new Position(100, 0, "j-050"), new Position(100, 0, "j-053"), 4, 4);
        assertThat(floor.start()).isEqualTo(Position.at(100));
        floor.lower(101L); // after the key's due time: the key stays
        floor.scanned(new Position(100, 0, "j-054"), new Position(100, 0, "j-057"), 4, 4);
        assertThat(floor.start()).isEqualTo(new Position(100, 0, "j-054"));
    }

    @Test
    void aClearWhileAScanIsUnderWayOutlivesThatScan() {
        floor.start();
        floor.scanned(row(100), row(100), 2, 2);
        assertThat(floor.start()).isEqualTo(row(100));
        floor.clear(); // another node's save, say, while the claim scans from 100
        floor.scanned(row(150), row(150), 2, 2);
        assertThat(floor.start()).isNull();
    }

    private static Position row(long due) {
        return new Position(due, 0, "j" + due);
    }
}
