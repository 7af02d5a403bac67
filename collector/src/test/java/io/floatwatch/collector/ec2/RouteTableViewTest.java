package io.floatwatch.collector.ec2;

import static io.floatwatch.collector.TestSupport.TOKYO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/**
 * The fast loop and the inventory read the same tables at the same time; the view keeps, per table,
 * a read that cannot be older than another it has seen. Ticks stand for the moments calls were made.
 */
class RouteTableViewTest {

    private final RouteTableView view = new RouteTableView();

    private static RouteTable table(String id, String eni) {
        return RouteTable.builder().routeTableId(id)
                .routes(Route.builder().destinationCidrBlock("10.0.255.231/32").networkInterfaceId(eni).build()).build();
    }

    private static RouteTableView.Answer page(long asked, long answered, RouteTable... tables) {
        return new RouteTableView.Answer(List.of(tables), Set.of(), asked, answered);
    }

    private static RouteTableView.Answer fast(long asked, long answered, Set<String> ids, RouteTable... tables) {
        return new RouteTableView.Answer(List.of(tables), ids, asked, answered);
    }

    private Map<String, String> targets() {
        return view.tables(TOKYO).stream().collect(Collectors.toMap(RouteTable::routeTableId,
                t -> t.routes().get(0).networkInterfaceId()));
    }

    @Test
    void shouldKeepTheFastReadMadeDuringTheInventoryOverTheInventorysOlderPage() {
        view.mergeInventory(TOKYO, List.of(page(1, 2, table("rtb-a", "eni-preferred"), table("rtb-x", "eni-x"))));
        // Inventory 2 reads rtb-a on its first page (3..4); FSx then moves the route and the fast loop reads it (5..6).
        RouteTableView.Answer a = page(3, 4, table("rtb-a", "eni-preferred"));
        view.mergeFast(TOKYO, List.of(fast(5, 6, Set.of("rtb-a"), table("rtb-a", "eni-standby"))));
        view.mergeInventory(TOKYO, List.of(a, page(7, 8, table("rtb-x", "eni-x"))));

        assertThat(targets()).containsEntry("rtb-a", "eni-standby");
    }

    @Test
    void shouldTakeAnInventoryPageAskedAfterTheFastReadWasAnswered() {
        view.mergeFast(TOKYO, List.of(fast(1, 2, Set.of("rtb-a"), table("rtb-a", "eni-standby"))));
        view.mergeInventory(TOKYO, List.of(page(3, 4, table("rtb-a", "eni-preferred"))));
        assertThat(targets()).containsEntry("rtb-a", "eni-preferred");
        // Calls in flight at once: the fast read wins, either way round.
        view.mergeInventory(TOKYO, List.of(page(5, 8, table("rtb-a", "eni-x"))));
        view.mergeFast(TOKYO, List.of(fast(6, 7, Set.of("rtb-a"), table("rtb-a", "eni-standby"))));
        assertThat(targets()).containsEntry("rtb-a", "eni-standby");
        view.mergeFast(TOKYO, List.of(fast(9, 12, Set.of("rtb-a"), table("rtb-a", "eni-standby"))));
        view.mergeInventory(TOKYO, List.of(page(10, 11, table("rtb-a", "eni-x"))));
        assertThat(targets()).containsEntry("rtb-a", "eni-standby");
    }

    @Test
    void shouldNotBringBackATableTheFastLoopFoundGoneFromAnOlderInventoryPage() {
        view.mergeInventory(TOKYO, List.of(page(1, 2, table("rtb-a", "eni-preferred"))));
        RouteTableView.Answer before = page(3, 4, table("rtb-a", "eni-preferred"));
        assertThat(view.mergeFast(TOKYO, List.of(fast(5, 6, Set.of("rtb-a"))))).isEmpty();
        view.mergeInventory(TOKYO, List.of(before));
        assertThat(view.tables(TOKYO)).isEmpty();
    }

    @Test
    void shouldDropOnlyTablesReadBeforeACompleteInventoryThatDidNotListThem() {
        view.mergeInventory(TOKYO, List.of(page(1, 2, table("rtb-a", "eni-a"), table("rtb-gone", "eni-g"))));
        // Inventory 3..8 does not list rtb-gone (deleted) nor rtb-new (created after its page went by), which the
        // fast loop read meanwhile (5..6).
        RouteTableView.Answer first = page(3, 4, table("rtb-a", "eni-a"));
        view.mergeFast(TOKYO, List.of(fast(5, 6, Set.of("rtb-new"), table("rtb-new", "eni-n"))));
        view.mergeInventory(TOKYO, List.of(first, page(7, 8)));

        assertThat(targets()).containsOnlyKeys("rtb-a", "rtb-new");
    }

    @Test
    void shouldChangeNothingUntilAnInventoryIsMerged() {
        view.mergeInventory(TOKYO, List.of(page(1, 2, table("rtb-a", "eni-a"), table("rtb-b", "eni-b"))));
        // An inventory under way (pages held by its source, not merged) leaves the view as it was.
        assertThat(view.mergeFast(TOKYO, List.of(fast(5, 6, Set.of("rtb-a"), table("rtb-a", "eni-a")))))
                .extracting(RouteTable::routeTableId).containsExactly("rtb-a", "rtb-b");
    }
}
