package io.floatwatch.model;

/** Label names shared by findings, events and metrics, so they cannot drift apart. */
public final class Labels {
    public static final String ACCOUNT = "account";
    public static final String REGION = "region";
    public static final String FS_ID = "fs_id";
    public static final String FLOATING_IP = "floating_ip";
    public static final String ROUTE_TABLE_ID = "route_table_id";
    public static final String ENI_ID = "eni_id";
    /** {@code preferred}, {@code standby} or {@code unknown}. */
    public static final String ROLE = "role";
    public static final String SOURCE = "source";

    private Labels() {
    }
}
