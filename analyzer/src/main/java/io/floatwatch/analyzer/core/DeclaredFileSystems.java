package io.floatwatch.analyzer.core;

import io.floatwatch.model.Labels;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.PollCompleted;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CLIENT_FILE_SYSTEM_NOT_FOUND: a client lists a file system that no watched account of its region holds.
 * Silence would read as "nothing wrong with that client", when floatwatch in fact judges nothing for it.
 * Absence is proven only by a complete listing: the FSx poll of every account the region's view holds
 * succeeded, so a failed or pending poll says nothing (DATA_STALE reports the failure).
 */
final class DeclaredFileSystems {

    /** The collector's source that lists file systems; its poll marker vouches for a complete listing. */
    static final String FILE_SYSTEMS_SOURCE = "fsx.file-systems";

    private DeclaredFileSystems() {
    }

    /** The scope that speaks for the client: its own account, or every scope when it names none. */
    static boolean home(Scope scope, DeclaredClient client) {
        return client.account() == null || client.account().equals(scope.account());
    }

    static void desired(Scope scope, RegionModel model, DeclaredClient client, Instant at, Map<String, Finding> out) {
        if (!home(scope, client) || client.fileSystemIds().isEmpty() || !listedCompletely(model)) {
            return;
        }
        for (String fsId : client.fileSystemIds()) {
            if (model.fileSystem(fsId).isPresent()) {
                continue;
            }
            Map<String, String> labels = Subjects.fileSystemLabels(scope, fsId);
            labels.put(Labels.CLIENT, client.name());
            Map<String, String> evidence = new LinkedHashMap<>();
            evidence.put("client", client.name());
            evidence.put("file_system_id", fsId);
            evidence.put("searched", "every account floatwatch watches in " + scope.region());
            Finding f = Finding.firing(FindingType.CLIENT_FILE_SYSTEM_NOT_FOUND,
                    scope.id() + "/client/" + client.name() + "/missing/" + fsId, labels, at, at, evidence,
                    "client " + client.name() + " mounts " + fsId + ", but no watched account in " + scope.region()
                            + " has it (deleted, mistyped, or in an account missing from aws.accounts): its paths are not judged");
            out.put(f.id(), f);
        }
    }

    private static boolean listedCompletely(RegionModel model) {
        PollCompleted poll = model.polls().get(FILE_SYSTEMS_SOURCE);
        return poll != null && poll.ok();
    }
}
