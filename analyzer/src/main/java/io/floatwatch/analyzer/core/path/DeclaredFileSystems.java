package io.floatwatch.analyzer.core.path;

import io.floatwatch.analyzer.core.findings.Subjects;
import io.floatwatch.analyzer.core.region.RegionView;
import io.floatwatch.model.Labels;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.PollCompleted;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CLIENT_FILE_SYSTEM_NOT_FOUND: a client lists a file system that no watched account of its region holds.
 * Silence would read as "nothing wrong with that client", when floatwatch in fact judges nothing for it.
 * Absence is proven only by a complete listing: the FSx poll of every watched account of the region
 * succeeded, so a failed or pending poll (or an account that cannot be assumed) says nothing; DATA_STALE
 * reports those.
 */
public final class DeclaredFileSystems {

    /** The collector's source that lists file systems; its poll marker vouches for a complete listing. */
    static final String FILE_SYSTEMS_SOURCE = "fsx.file-systems";

    private DeclaredFileSystems() {
    }

    /** The scope that speaks for the client: its own account, or every scope when it names none. */
    public static boolean home(Scope scope, DeclaredClient client) {
        return client.account() == null || client.account().equals(scope.account());
    }

    /**
     * @param watchedInRegion every scope of the region the collectors poll: the file system is missing only when
     *                        none holds it and each of them listed its file systems completely
     */
    public static void desired(Scope scope, RegionView view, DeclaredClient client, List<Scope> watchedInRegion, Instant at,
            Map<String, Finding> out) {
        if (!home(scope, client) || client.fileSystemIds().isEmpty() || !listedCompletely(view, watchedInRegion)) {
            return;
        }
        for (String fsId : client.fileSystemIds()) {
            if (view.fileSystem(fsId).isPresent()) {
                continue;
            }
            Map<String, String> labels = Subjects.fileSystemLabels(scope, fsId);
            labels.put(Labels.CLIENT, client.name());
            Map<String, String> evidence = new LinkedHashMap<>();
            evidence.put("client", client.name());
            evidence.put("file_system_id", fsId);
            evidence.put("searched_accounts", String.join(",", watchedInRegion.stream().map(Scope::account).toList()));
            Finding f = Finding.firing(FindingType.CLIENT_FILE_SYSTEM_NOT_FOUND,
                    scope.id() + "/client/" + client.name() + "/missing/" + fsId, labels, at, at, evidence,
                    "client " + client.name() + " mounts " + fsId + ", but none of the watched accounts in " + scope.region()
                            + " (" + evidence.get("searched_accounts") + ") has it (deleted, mistyped, or in an account"
                            + " missing from aws.accounts): its paths are not judged");
            out.put(f.id(), f);
        }
    }

    private static boolean listedCompletely(RegionView view, List<Scope> watchedInRegion) {
        Map<String, PollCompleted> polls = view.polls(FILE_SYSTEMS_SOURCE);
        for (Scope w : watchedInRegion) {
            PollCompleted poll = polls.get(w.account());
            if (poll == null || !poll.ok()) {
                return false;
            }
        }
        return true;
    }
}
