package io.floatwatch.analyzer.core;

import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.STANDBY;
import static io.floatwatch.analyzer.core.Fixture.eni;
import static io.floatwatch.analyzer.core.Fixture.fileSystem;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static io.floatwatch.analyzer.core.Fixture.poll;
import static io.floatwatch.analyzer.core.Fixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.model.json.Json;
import io.floatwatch.model.observation.Observation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTest {

    /** Failover, a stall, convergence and failback, as a collector would publish them. */
    private static final List<Observation> CYCLE = List.of(
            fileSystem(minutes(0)), eni(PREFERRED, "subnet-1a", minutes(0)), eni(STANDBY, "subnet-1c", minutes(0)),
            table("rtb-1", PREFERRED, minutes(0)), table("rtb-2", PREFERRED, minutes(0)),
            table("rtb-1", STANDBY, minutes(9)), poll(minutes(20)), poll(minutes(25)),
            table("rtb-2", STANDBY, minutes(26)), poll(minutes(30)),
            table("rtb-1", PREFERRED, minutes(50)), table("rtb-2", PREFERRED, minutes(51)), poll(minutes(55)));

    @Test
    void shouldGiveTheSameOutputWhenTheSameObservationsAreReplayed() {
        Fixture first = new Fixture().feed(CYCLE.toArray(Observation[]::new));
        Fixture second = new Fixture().feed(CYCLE.toArray(Observation[]::new));

        assertThat(first.events).isNotEmpty().isEqualTo(second.events);
        assertThat(first.findings).isNotEmpty().isEqualTo(second.findings);
        assertThat(first.state()).isEqualTo(second.state());
    }

    @Test
    void shouldEmitNothingNewWhenAnObservationIsDeliveredTwice() {
        Fixture f = new Fixture();
        for (Observation o : CYCLE) {
            f.feed(o);
            int events = f.events.size();
            int findings = f.findings.size();
            f.feed(o);
            assertThat(f.events).as("events after a duplicate of %s", o).hasSize(events);
            assertThat(f.findings).as("findings after a duplicate of %s", o).hasSize(findings);
        }
    }

    @Test
    void shouldContinueAsIfUninterruptedWhenStateIsRestoredFromJsonAndTheModelRebuilt() throws Exception {
        Fixture straight = new Fixture().feed(CYCLE.toArray(Observation[]::new));

        int cut = 7; // mid-failover: rtb-1 moved, stall raised, rtb-2 not yet
        Fixture before = new Fixture().feed(CYCLE.subList(0, cut).toArray(Observation[]::new));
        byte[] json = Json.mapper().writeValueAsBytes(before.state());
        Fixture after = new Fixture();
        after.restore(Json.mapper().readValue(json, ScopeState.class));
        // The runtime reloads the latest observation per key; older versions of a key are gone by then.
        java.util.Map<String, Observation> latest = new java.util.LinkedHashMap<>();
        CYCLE.subList(0, cut).forEach(o -> latest.put(o.resourceId(), o));
        latest.values().forEach(after.analyzer()::load);
        after.feed(CYCLE.subList(cut, CYCLE.size()).toArray(Observation[]::new));

        List<Object> resumed = new java.util.ArrayList<>(before.events);
        resumed.addAll(after.events);
        assertThat(resumed).isEqualTo(List.copyOf(straight.events));
        List<Object> resumedFindings = new java.util.ArrayList<>(before.findings);
        resumedFindings.addAll(after.findings);
        assertThat(resumedFindings).isEqualTo(List.copyOf(straight.findings));
    }
}
