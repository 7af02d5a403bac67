package io.floatwatch.alerter.notify;

import static io.floatwatch.alerter.metrics.Records.T0;
import static io.floatwatch.alerter.metrics.Records.firing;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingLedgerTest {

    private final FindingLedger ledger = new FindingLedger();
    private final Finding fired = firing(FindingType.FSX_FAILED_OVER, T0, "rtb-1 on the standby ENI");

    @Test
    void shouldNotifyOnceWhenTheSameFindingArrivesTwice() {
        assertThat(ledger.record(fired.id(), fired)).map(FindingNotification::kind).contains(FindingNotification.Kind.FIRING);
        assertThat(ledger.record(fired.id(), fired)).isEmpty();
    }

    @Test
    void shouldNotifyAnUpdateWhenAFiringFindingChangesInSubstance() {
        ledger.record(fired.id(), fired);
        Finding more = Finding.firing(fired.type(), fired.subject(), fired.labels(), T0, T0.plusSeconds(600),
                Map.of("route_table_ids", "rtb-1,rtb-2"), "all tables on the standby ENI");

        assertThat(ledger.record(more.id(), more)).map(FindingNotification::kind).contains(FindingNotification.Kind.UPDATED);
    }

    @Test
    void shouldNotifyResolvedOnceWhenResolvedVersionsRepeat() {
        ledger.record(fired.id(), fired);
        Finding resolved = fired.resolved(T0.plusSeconds(3000), "back on the preferred ENI", null);

        assertThat(ledger.record(resolved.id(), resolved)).map(FindingNotification::kind)
                .contains(FindingNotification.Kind.RESOLVED);
        assertThat(ledger.record(resolved.id(), fired.resolved(T0.plusSeconds(3000), "reworded", Map.of("x", "y"))))
                .isEmpty();
    }

    @Test
    void shouldNotifyFiringAgainWhenAResolvedFindingFiresAnew() {
        ledger.record(fired.id(), fired);
        ledger.record(fired.id(), fired.resolved(T0.plusSeconds(3000), "back", null));
        Finding again = firing(FindingType.FSX_FAILED_OVER, T0.plusSeconds(9000), "failed over again");

        assertThat(ledger.record(again.id(), again)).map(FindingNotification::kind).contains(FindingNotification.Kind.FIRING);
    }

    @Test
    void shouldStaySilentWhenATombstoneArrives() {
        ledger.record(fired.id(), fired);

        assertThat(ledger.record(fired.id(), null)).isEmpty();
        assertThat(ledger.record(fired.id(), fired)).map(FindingNotification::kind).contains(FindingNotification.Kind.FIRING);
    }
}
