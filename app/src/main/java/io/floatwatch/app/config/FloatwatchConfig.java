package io.floatwatch.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The YAML config file, exactly as written: every field optional at parse time, so that the
 * validator can report all missing or bad fields at once, each with its path. {@link
 * ConfigValidator} turns it into a {@link RuntimeConfig} with defaults applied. The sections of
 * each role live in their own files ({@link CollectorConfig}, {@link AnalyzerConfig},
 * {@link AlerterConfig}), each with its validation; the collector and alerter sections validate
 * straight into their module's own record, which the role completes with what only the start knows.
 */
public record FloatwatchConfig(
        Kafka kafka,
        Aws aws,
        CollectorConfig collector,
        AnalyzerConfig analyzer,
        AlerterConfig alerter,
        Http http,
        List<Client> clients,
        ProbeConfig probe) {

    /** Kafka connection. {@code properties} passes client settings such as security.protocol through. */
    public record Kafka(String bootstrapServers, Map<String, String> properties) {
    }

    public record Aws(List<Account> accounts, Map<String, Map<String, String>> endpoints) {
    }

    /**
     * @param id         12-digit account id
     * @param roleArn    role to assume in that account; none means the default credential chain's account
     * @param externalId read from this environment variable, never written in the file
     */
    public record Account(String id, String roleArn, @JsonProperty("externalIdEnv") String externalIdEnv,
            List<String> regions) {
    }

    public record Http(String host, Integer port) {
    }

    /**
     * A client whose path to the floating IPs floatwatch judges.
     *
     * @param via               how it reaches the file system's VPC: same-vpc, tgw, peering, vpn-vgw, vpn-tgw,
     *                          dx-vgw, dx-tgw, lattice, nlb
     * @param latticeResourceIp for lattice: the ipResource of the resource configuration behind its endpoint
     * @param fileSystemIds     the file systems it mounts; absent for every file system of its account and region
     * @param endpoints         the endpoint kinds it uses (management, nfs, smb, iscsi, nvme, intercluster); absent
     *                          for the data endpoints (nfs, smb, iscsi, nvme)
     */
    public record Client(String name, String account, String region, String cidr, String via, String subnetId,
            String vpcId, String latticeResourceIp, List<String> fileSystemIds, List<String> endpoints) {
    }
}
