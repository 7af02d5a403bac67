#!/bin/sh
# Creates floatwatch's topics on any Kafka cluster with the stock kafka-topics.sh.
#   BOOTSTRAP=broker:9092 PARTITIONS=6 REPLICAS=3 [SCOPES=12] ./create-topics.sh
# Keys are account/region/resource-id and partitioned by account/region, so PARTITIONS bounds
# how many analyzer instances share the work. Compaction keeps the latest state per resource.
# SCOPES, for collectors in group mode (collector.group.id set): also creates their coordination topic
# (GROUP_TOPIC, default floatwatch.collector-scopes) with one partition per scope, SCOPES being the number
# of (account, region) pairs in the config, the sum of the lengths of every aws.accounts[].regions (each
# replica logs it at start: "to share 12 scopes"). Made here, the collectors need only Describe and Read
# on it; left out, the first replica creates it and needs Create (and Alter to grow it when scopes are
# added). After adding scopes: kafka-topics.sh --alter --topic floatwatch.collector-scopes --partitions N.
set -eu
: "${BOOTSTRAP:?set BOOTSTRAP to host:port of a broker}"
P=${PARTITIONS:-6}
R=${REPLICAS:-3}
KT=${KAFKA_TOPICS:-kafka-topics.sh}
"$KT" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic floatwatch.observations --partitions "$P" --replication-factor "$R" --config cleanup.policy=compact
"$KT" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic floatwatch.findings --partitions "$P" --replication-factor "$R" --config cleanup.policy=compact
"$KT" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic floatwatch.events --partitions "$P" --replication-factor "$R" --config retention.ms=604800000
"$KT" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic floatwatch.dead-letter --partitions 1 --replication-factor "$R" --config retention.ms=1209600000
if [ -n "${SCOPES:-}" ]; then
  "$KT" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "${GROUP_TOPIC:-floatwatch.collector-scopes}" --partitions "$SCOPES" --replication-factor "$R"
fi
