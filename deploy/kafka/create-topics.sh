#!/bin/sh
# Creates floatwatch's topics on any Kafka cluster with the stock kafka-topics.sh.
#   BOOTSTRAP=broker:9092 PARTITIONS=6 REPLICAS=3 ./create-topics.sh
# Keys are account/region/resource-id and partitioned by account/region, so PARTITIONS bounds
# how many analyzer instances share the work. Compaction keeps the latest state per resource.
set -eu
: "${BOOTSTRAP:?set BOOTSTRAP to host:port of a broker}"
P=${PARTITIONS:-6}
R=${REPLICAS:-3}
KT=${KAFKA_TOPICS:-kafka-topics.sh}
"$KT" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic floatwatch.observations --partitions "$P" --replication-factor "$R" --config cleanup.policy=compact
"$KT" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic floatwatch.findings --partitions "$P" --replication-factor "$R" --config cleanup.policy=compact
"$KT" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic floatwatch.events --partitions "$P" --replication-factor "$R" --config retention.ms=604800000
"$KT" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic floatwatch.dead-letter --partitions 1 --replication-factor "$R" --config retention.ms=1209600000
