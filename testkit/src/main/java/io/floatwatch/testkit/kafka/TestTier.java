package io.floatwatch.testkit.kafka;

/**
 * Keeps the fast test tier fast: Surefire runs the {@code *Test} classes with
 * {@code floatwatch.test.tier=unit} (parent pom), and a broker started there is refused with what to
 * do, so a test that needs Kafka cannot slip into the tier that promises none.
 */
final class TestTier {

    static final String PROPERTY = "floatwatch.test.tier";

    private TestTier() {
    }

    static void refuseBrokerInUnitTier() {
        if ("unit".equals(System.getProperty(PROPERTY))) {
            throw new IllegalStateException("a *Test started a Kafka broker; the unit tier runs without one: "
                    + "name the test class *IT so that Failsafe runs it in the integration tier");
        }
    }
}
