package io.floatwatch.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RestartableKafkaBrokerIT {

    @Test
    @Timeout(120)
    void shouldKeepTopicsAndRecordsOnTheSameAddressWhenRestarted() throws Exception {
        try (RestartableKafkaBroker broker = RestartableKafkaBroker.start()) {
            String address = broker.bootstrapServers();
            assertThat(address).startsWith("127.0.0.1:");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", address))) {
                admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
            }
            Map<String, Object> producerProps = Map.of("bootstrap.servers", address, "enable.idempotence", "true",
                    "delivery.timeout.ms", "60000");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("t", "k", "before")).get();
                broker.stop();
                assertThat(broker.running()).isFalse();
                broker.startAgain();
                // The same producer, unaware of the restart, reconnects to the address it knows.
                producer.send(new ProducerRecord<>("t", "k", "after")).get();
            }
            assertThat(broker.bootstrapServers()).isEqualTo(address);
            assertThat(readAll(address)).containsExactly("before", "after");
        }
    }

    private static List<String> readAll(String address) {
        Map<String, Object> props = Map.of("bootstrap.servers", address, "group.id", "reader", "auto.offset.reset", "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("t"));
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.size() < 2 && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
