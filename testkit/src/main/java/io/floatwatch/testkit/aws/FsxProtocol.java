package io.floatwatch.testkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * FSx over AWS JSON 1.1: the operation in {@code X-Amz-Target}, errors as {@code __type}.
 * Timestamps are epoch seconds, as the JSON protocol sends them.
 */
final class FsxProtocol {

    static final String TARGET_PREFIX = "AWSSimbaAPIService_v20180301.";
    private static final String JSON = "application/x-amz-json-1.1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The operation of an {@code X-Amz-Target} header value. */
    static String operation(String target) {
        return target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
    }

    SimResponse handle(SimulatedRegion region, String target, byte[] body, int serverPageSize) {
        try {
            if (!target.startsWith(TARGET_PREFIX)) {
                throw new SimulatedError(400, "UnknownOperationException", "Unknown target " + target);
            }
            JsonNode request = parse(body);
            String response = switch (operation(target)) {
                case "DescribeFileSystems" -> describeFileSystems(region, request, serverPageSize);
                case "DescribeStorageVirtualMachines" -> describeStorageVirtualMachines(region, request, serverPageSize);
                default -> throw new SimulatedError(400, "UnknownOperationException", "Unknown operation " + operation(target));
            };
            return SimResponse.of(200, JSON, response);
        } catch (SimulatedError e) {
            return error(e.status(), e.code(), e.getMessage());
        }
    }

    static SimResponse error(int status, String code, String message) {
        ObjectNode node = MAPPER.createObjectNode().put("__type", code).put("Message", message);
        return SimResponse.of(status, JSON, node.toString());
    }

    static SimResponse throttled() {
        return error(400, "ThrottlingException", "Rate exceeded");
    }

    /**
     * Signed with expired temporary credentials. The request never reaches FSx: the shared front
     * end of the JSON services answers, with a namespaced {@code __type} and a lowercase
     * {@code message}, HTTP 400.
     */
    static SimResponse expiredToken() {
        return frontEndError(400, "ExpiredTokenException", "The security token included in the request is expired");
    }

    /** Signed with an access key and a session token that do not belong together. */
    static SimResponse invalidToken() {
        return frontEndError(400, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    private static SimResponse frontEndError(int status, String code, String message) {
        ObjectNode node = MAPPER.createObjectNode().put("__type", "com.amazon.coral.service#" + code).put("message", message);
        return SimResponse.of(status, JSON, node.toString());
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new SimulatedError(400, "SerializationException", "Expected a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new SimulatedError(400, "SerializationException", "Malformed JSON: " + e.getMessage());
        }
    }

    private String describeFileSystems(SimulatedRegion region, JsonNode request, int serverPageSize) {
        List<SimFileSystem> fileSystems = region.fileSystems();
        if (request.hasNonNull("FileSystemIds")) {
            List<String> wanted = new ArrayList<>();
            request.get("FileSystemIds").forEach(id -> wanted.add(id.asText()));
            List<SimFileSystem> found = fileSystems.stream().filter(fs -> wanted.contains(fs.fileSystemId())).toList();
            List<String> missing = wanted.stream().filter(id -> found.stream().noneMatch(fs -> fs.fileSystemId().equals(id))).toList();
            if (!missing.isEmpty()) {
                throw new SimulatedError(400, "FileSystemNotFound", "File system '" + missing.get(0) + "' does not exist.");
            }
            fileSystems = found;
        }
        int size = serverPageSize;
        if (request.hasNonNull("MaxResults")) {
            int requested = request.get("MaxResults").asInt();
            if (requested < 1) {
                throw new SimulatedError(400, "BadRequest", "MaxResults must be at least 1.");
            }
            size = Math.min(size, requested);
        }
        String token = request.hasNonNull("NextToken") ? request.get("NextToken").asText() : null;
        Pages.Page<SimFileSystem> page = Pages.page(fileSystems, SimFileSystem::fileSystemId, token, size, "BadRequest");

        ObjectNode response = MAPPER.createObjectNode();
        ArrayNode items = response.putArray("FileSystems");
        for (SimFileSystem fs : page.items()) {
            items.add(fileSystem(fs, region));
        }
        if (page.nextToken() != null) {
            response.put("NextToken", page.nextToken());
        }
        return response.toString();
    }

    private String describeStorageVirtualMachines(SimulatedRegion region, JsonNode request, int serverPageSize) {
        List<SimStorageVirtualMachine> svms = region.storageVirtualMachines();
        if (request.hasNonNull("StorageVirtualMachineIds")) {
            List<String> wanted = new ArrayList<>();
            request.get("StorageVirtualMachineIds").forEach(id -> wanted.add(id.asText()));
            svms = svms.stream().filter(s -> wanted.contains(s.storageVirtualMachineId())).toList();
            if (svms.size() != wanted.size()) {
                throw new SimulatedError(400, "StorageVirtualMachineNotFound", "No Storage Virtual Machines found with the given IDs.");
            }
        }
        if (request.hasNonNull("Filters")) {
            for (JsonNode filter : request.get("Filters")) {
                String name = filter.path("Name").asText();
                if (!"file-system-id".equals(name)) {
                    throw new SimulatedError(400, "BadRequest", "Unsupported filter name " + name);
                }
                List<String> values = new ArrayList<>();
                filter.path("Values").forEach(v -> values.add(v.asText()));
                svms = svms.stream().filter(s -> values.contains(s.fileSystemId())).toList();
            }
        }
        int size = serverPageSize;
        if (request.hasNonNull("MaxResults")) {
            size = Math.min(size, Math.max(1, request.get("MaxResults").asInt()));
        }
        String token = request.hasNonNull("NextToken") ? request.get("NextToken").asText() : null;
        Pages.Page<SimStorageVirtualMachine> page = Pages.page(svms, SimStorageVirtualMachine::storageVirtualMachineId, token, size,
                "BadRequest");
        ObjectNode response = MAPPER.createObjectNode();
        ArrayNode items = response.putArray("StorageVirtualMachines");
        for (SimStorageVirtualMachine svm : page.items()) {
            ObjectNode node = items.addObject()
                    .put("CreationTime", 1_700_000_000.0)
                    .put("FileSystemId", svm.fileSystemId())
                    .put("Lifecycle", "CREATED")
                    .put("Name", svm.name())
                    .put("ResourceARN", "arn:aws:fsx:" + region.name() + ":" + region.accountId() + ":storage-virtual-machine/"
                            + svm.fileSystemId() + "/" + svm.storageVirtualMachineId())
                    .put("StorageVirtualMachineId", svm.storageVirtualMachineId())
                    .put("Subtype", "DEFAULT")
                    .put("UUID", java.util.UUID.nameUUIDFromBytes(svm.storageVirtualMachineId().getBytes()).toString());
            ObjectNode endpoints = node.putObject("Endpoints");
            String dns = "." + svm.storageVirtualMachineId() + "." + svm.fileSystemId() + ".fsx." + region.name() + ".amazonaws.com";
            endpoint(endpoints, "Iscsi", "iscsi" + dns, svm.iscsiIps());
            endpoint(endpoints, "Management", "management" + dns, svm.managementIps());
            endpoint(endpoints, "Nfs", "nfs" + dns, svm.nfsIps());
            endpoint(endpoints, "Smb", "smb" + dns, svm.smbIps());
            node.putArray("Tags");
        }
        if (page.nextToken() != null) {
            response.put("NextToken", page.nextToken());
        }
        return response.toString();
    }

    private static void endpoint(ObjectNode endpoints, String name, String dnsName, List<String> ips) {
        if (ips.isEmpty()) {
            return;
        }
        ObjectNode e = endpoints.putObject(name).put("DNSName", dnsName);
        strings(e.putArray("IpAddresses"), ips);
    }

    private static ObjectNode fileSystem(SimFileSystem fs, SimulatedRegion region) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("OwnerId", region.accountId())
                .put("CreationTime", 1_700_000_000.0)
                .put("FileSystemId", fs.fileSystemId())
                .put("FileSystemType", fs.fileSystemType())
                .put("Lifecycle", fs.lifecycle())
                .put("StorageCapacity", 1024)
                .put("StorageType", "SSD")
                .put("VpcId", fs.vpcId());
        strings(node.putArray("SubnetIds"), fs.subnetIds());
        strings(node.putArray("NetworkInterfaceIds"), fs.networkInterfaceIds());
        node.put("DNSName", fs.fileSystemId() + ".fsx." + region.name() + ".amazonaws.com");
        node.put("ResourceARN", "arn:aws:fsx:" + region.name() + ":" + region.accountId() + ":file-system/" + fs.fileSystemId());
        node.putArray("Tags");
        ArrayNode actions = node.putArray("AdministrativeActions");
        for (SimAdministrativeAction action : fs.administrativeActions()) {
            actions.add(administrativeAction(action, fs));
        }
        if (SimFileSystem.ONTAP.equals(fs.fileSystemType())) {
            node.set("OntapConfiguration", ontap(fs));
        } else {
            node.set("OpenZFSConfiguration", openZfs(fs));
        }
        return node;
    }

    private static ObjectNode openZfs(SimFileSystem fs) {
        ObjectNode c = MAPPER.createObjectNode()
                .put("AutomaticBackupRetentionDays", 0)
                .put("CopyTagsToBackups", false)
                .put("CopyTagsToVolumes", false)
                .put("DeploymentType", fs.deploymentType())
                .put("ThroughputCapacity", fs.throughputCapacity())
                .put("RootVolumeId", "fsvol-" + fs.fileSystemId().substring(3));
        if (fs.weeklyMaintenanceStartTime() != null) {
            c.put("WeeklyMaintenanceStartTime", fs.weeklyMaintenanceStartTime());
        }
        c.putObject("DiskIopsConfiguration").put("Mode", "AUTOMATIC").put("Iops", 3072);
        if (fs.preferredSubnetId() != null) {
            c.put("PreferredSubnetId", fs.preferredSubnetId());
        }
        if (fs.endpointIpAddressRange() != null) {
            c.put("EndpointIpAddressRange", fs.endpointIpAddressRange());
        }
        if (!fs.routeTableIds().isEmpty()) {
            strings(c.putArray("RouteTableIds"), fs.routeTableIds());
        }
        if (fs.endpointIpAddress() != null) {
            c.put("EndpointIpAddress", fs.endpointIpAddress());
        }
        return c;
    }

    private static ObjectNode ontap(SimFileSystem fs) {
        ObjectNode c = MAPPER.createObjectNode()
                .put("AutomaticBackupRetentionDays", 0)
                .put("DeploymentType", fs.deploymentType());
        if (fs.endpointIpAddressRange() != null) {
            c.put("EndpointIpAddressRange", fs.endpointIpAddressRange());
        }
        ObjectNode endpoints = c.putObject("Endpoints");
        String dns = "." + fs.fileSystemId() + ".fsx.amazonaws.com";
        ObjectNode intercluster = endpoints.putObject("Intercluster").put("DNSName", "intercluster" + dns);
        strings(intercluster.putArray("IpAddresses"), fs.interclusterIps());
        ObjectNode management = endpoints.putObject("Management").put("DNSName", "management" + dns);
        strings(management.putArray("IpAddresses"), fs.managementIps());
        c.putObject("DiskIopsConfiguration").put("Mode", "AUTOMATIC").put("Iops", 3072);
        if (fs.preferredSubnetId() != null) {
            c.put("PreferredSubnetId", fs.preferredSubnetId());
        }
        strings(c.putArray("RouteTableIds"), fs.routeTableIds());
        c.put("ThroughputCapacity", fs.throughputCapacity())
                .put("HAPairs", 1)
                .put("ThroughputCapacityPerHAPair", fs.throughputCapacity());
        if (fs.weeklyMaintenanceStartTime() != null) {
            c.put("WeeklyMaintenanceStartTime", fs.weeklyMaintenanceStartTime());
        }
        return c;
    }

    private static ObjectNode administrativeAction(SimAdministrativeAction action, SimFileSystem fs) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("AdministrativeActionType", action.type())
                .put("RequestTime", action.requestTime().toEpochMilli() / 1000.0)
                .put("Status", action.status());
        if ("IN_PROGRESS".equals(action.status())) {
            node.put("ProgressPercent", 50);
        } else if ("COMPLETED".equals(action.status())) {
            node.put("ProgressPercent", 100);
        }
        if (action.targetThroughputCapacity() != null) {
            String config = SimFileSystem.ONTAP.equals(fs.fileSystemType()) ? "OntapConfiguration" : "OpenZFSConfiguration";
            node.putObject("TargetFileSystemValues").putObject(config).put("ThroughputCapacity", action.targetThroughputCapacity());
        }
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
