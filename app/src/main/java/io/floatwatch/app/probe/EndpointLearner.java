package io.floatwatch.app.probe;

import io.floatwatch.analyzer.core.path.EndpointKind;
import io.floatwatch.analyzer.core.probe.ProbeTargets;
import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.Scope;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.model.json.RecordDecodingException;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.StorageVirtualMachineObservation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns the endpoints of the client's file systems from the file-system and SVM observations the collector
 * publishes: the same records the analyzer judges, so a probe contacts exactly the addresses its verdicts name,
 * and follows a new SVM or a replaced file system without a config change. Only the file systems the client lists
 * are ever targets.
 */
final class EndpointLearner {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointLearner.class);

    private final Set<String> fileSystemIds;
    private final Set<EndpointKind> kinds;
    private final String region;
    private final RecordCodec<Observation> codec = RecordCodec.observations();
    private final Map<Scope, RegionModel> models = new HashMap<>();

    /** @param region the client's region, or null for any region the observations show */
    EndpointLearner(Set<String> fileSystemIds, Set<EndpointKind> kinds, String region) {
        this.fileSystemIds = Set.copyOf(fileSystemIds);
        this.kinds = Set.copyOf(kinds);
        this.region = region;
    }

    /** Whether a record under this key can matter, decided before its value is decoded. */
    static boolean relevant(String key) {
        if (key == null) {
            return false;
        }
        try {
            String id = ResourceKey.parse(key).resourceId();
            return id.startsWith("fs-") || id.startsWith("svm-");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** One record of the observations topic; {@code value} null is a tombstone. */
    synchronized void accept(String key, byte[] value) {
        if (!relevant(key)) {
            return;
        }
        ResourceKey k = ResourceKey.parse(key);
        if (region != null && !region.equals(k.scope().region())) {
            return;
        }
        RegionModel model = models.computeIfAbsent(k.scope(), RegionModel::new);
        Observation o;
        try {
            o = codec.decode(value);
        } catch (RecordDecodingException e) {
            LOG.warn("skipping an undecodable record under {}: {}", key, e.getMessage());
            return;
        }
        if (o == null) {
            model.remove(k.resourceId());
        } else if (o instanceof FileSystemObservation fs && fileSystemIds.contains(fs.fileSystemId())) {
            model.put(fs);
        } else if (o instanceof StorageVirtualMachineObservation svm && fileSystemIds.contains(svm.fileSystemId())) {
            model.put(svm);
        }
    }

    /** Every address and port of the client's file systems it uses, as known now. */
    synchronized List<ProbeTargetSource.Located> targets() {
        List<ProbeTargetSource.Located> out = new ArrayList<>();
        models.forEach((scope, model) -> {
            for (String fsId : fileSystemIds) {
                model.fileSystem(fsId).ifPresent(fs -> ProbeTargets.of(model, fs, kinds)
                        .forEach(t -> out.add(new ProbeTargetSource.Located(scope, t))));
            }
        });
        out.sort(java.util.Comparator.comparing((ProbeTargetSource.Located l) -> l.scope().id()).thenComparing(l -> l.target().fileSystemId())
                .thenComparing(l -> l.target().ip()).thenComparingInt(l -> l.target().port()));
        return out;
    }
}
