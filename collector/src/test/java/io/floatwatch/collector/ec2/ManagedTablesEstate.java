package io.floatwatch.collector.ec2;

import io.floatwatch.testkit.aws.SimFileSystem;
import io.floatwatch.testkit.aws.SimNetworkInterface;
import io.floatwatch.testkit.aws.SimRoute;
import io.floatwatch.testkit.aws.SimRouteTable;
import io.floatwatch.testkit.aws.SimulatedRegion;
import java.util.ArrayList;
import java.util.List;

/**
 * The estate the fast-loop tests share: Multi-AZ OpenZFS file systems, each in a VPC of its own with two ENIs and four
 * route tables FSx manages, the floating /32 on the first ENI, so a test can size how many calls a full read of the
 * managed tables costs against what the flip sentinel costs (up to 255 file systems).
 */
final class ManagedTablesEstate {

    static final int TABLES_PER_FILE_SYSTEM = 4;

    private ManagedTablesEstate() {
    }

    static void install(SimulatedRegion region, int fileSystems) {
        for (int fs = 0; fs < fileSystems; fs++) {
            String vpc = String.format("vpc-%017x", fs);
            List<String> enis = List.of(eni(fs, 0), eni(fs, 1));
            List<String> subnets = List.of(String.format("subnet-%015x0a", fs), String.format("subnet-%015x0c", fs));
            for (int az = 0; az < 2; az++) {
                region.putNetworkInterface(new SimNetworkInterface(enis.get(az), subnets.get(az), vpc, az == 0 ? "ap-northeast-1a" : "ap-northeast-1c",
                        "interface", "ENI for FSx " + fsId(fs), List.of("10.201." + fs + "." + (10 + az))));
            }
            List<String> tables = new ArrayList<>();
            for (int t = 0; t < TABLES_PER_FILE_SYSTEM; t++) {
                tables.add(table(fs, t));
                region.putRouteTable(SimRouteTable.of(table(fs, t), vpc, List.of(),
                        List.of(SimRoute.local("10." + fs + ".0.0/24"), SimRoute.to(floating(fs) + "/32", enis.get(0)))));
            }
            region.putFileSystem(SimFileSystem.openZfsMultiAz(fsId(fs), vpc, subnets, enis, "10.200." + fs + ".0/28", floating(fs), tables, 160));
        }
    }

    static String fsId(int fs) {
        return String.format("fs-%017x", fs);
    }

    static String eni(int fs, int az) {
        return String.format("eni-%016x%d", fs, az);
    }

    static String table(int fs, int t) {
        return String.format("rtb-%016x%d", fs, t);
    }

    static String floating(int fs) {
        return "10.202." + fs + ".231";
    }
}
