package dev.valuator.refresh.run;

import java.net.InetAddress;
import java.util.UUID;

/** Identifies this process in job rows and ShedLock's {@code locked_by}: host, pid and a random suffix. */
public final class InstanceId {

    private static final String ID = compute();

    private InstanceId() {}

    public static String get() {
        return ID;
    }

    private static String compute() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid() + ":"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
