package io.floatwatch.analyzer.runtime;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * RocksDB settings of the observation store. Collectors republish resources whose content did not
 * change (every poll after a restart, every inventory), so the store sees the same 56,000 keys
 * overwritten round after round. With Kafka Streams' 16 MB write buffers a round of a large region
 * (~40 MB) spilled into several files that compaction then merged, on background threads taking as
 * much CPU as the broker. A write buffer that holds a round lets overwrites of a key meet in memory
 * and flush once, which roughly halves that background CPU (figures in bench/README.md). Other
 * stores keep the defaults.
 */
public final class StoreTuning implements RocksDBConfigSetter {

    /** Two of these at most per store, allocated as written: up to 128 MB off heap per region partition (default 3 x 16). */
    static final long OBSERVATION_WRITE_BUFFER = 64L * 1024 * 1024;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        if (AnalyzerTopology.OBSERVATION_STORE.equals(storeName)) {
            options.setWriteBufferSize(OBSERVATION_WRITE_BUFFER);
            options.setMaxWriteBufferNumber(2);
        }
    }

    @Override
    public void close(String storeName, Options options) {
        // nothing allocated here
    }
}
