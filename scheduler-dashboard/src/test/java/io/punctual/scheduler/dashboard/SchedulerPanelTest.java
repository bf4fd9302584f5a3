package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.SchedulerInfo;
import io.punctual.scheduler.SchedulerState;
import io.punctual.scheduler.StoreStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler panel says why the store fails: unreachable, or answering and refusing, with the database's message. */
class SchedulerPanelTest {

    private static final View VIEW = new View("/punctual", Instant.parse("2026-05-04T08:00:00Z"), "", true, true, "ada", 0);

    @Test
    void aRefusingStoreIsShownRefusingWithTheDatabasesMessage() {
        String html = SchedulerPanel.render(VIEW, new SchedulerInfo(SchedulerState.RUNNING, "n1", "jpa", false, 0,
                StoreStatus.REFUSING, "column j.claim_due does not exist (SQL state 42703) <sic>"), List.of());

        assertThat(html).contains("class=\"scheduler down\"").contains("<dt>Store reachable</dt><dd><span class=\"badge bad\">"
                + "no: refusing</span> <code>column j.claim_due does not exist (SQL state 42703) &lt;sic&gt;</code></dd>");
    }

    @Test
    void anUnreachableStoreIsShownUnreachable() {
        String html = SchedulerPanel.render(VIEW, new SchedulerInfo(SchedulerState.RUNNING, "n1", "jpa", false, 0), List.of());

        assertThat(html).contains("<dt>Store reachable</dt><dd><span class=\"badge bad\">no: unreachable</span></dd>");
    }
}
