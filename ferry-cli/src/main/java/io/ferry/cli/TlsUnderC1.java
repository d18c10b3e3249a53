package io.ferry.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.ferry.remote.http.HttpUrls;

import java.lang.management.ManagementFactory;

/**
 * The launcher runs a command line that cannot speak TLS with C1 alone (scripts/jvm-flags.sh), and
 * under C1 the JDK's TLS decrypts at about 20 MB/s: AES-GCM's intrinsics are C2's. A plain http://
 * URL that redirects to https:// is the case the launcher cannot foresee; this says so instead of
 * leaving the user with a slow download and no reason.
 */
final class TlsUnderC1 {
    private TlsUnderC1() {
    }

    /**
     * The line to print when {@code given} led to {@code location} (fit to print: {@code RemoteObject.location()})
     * over https in a run without C2, else null.
     */
    static String hint(String command, String given, String location) {
        if (isHttps(given) || !isHttps(location) || !withoutC2()) {
            return null;
        }
        return "ferry " + command + ": " + HttpUrls.shown(given) + " redirects to " + location + "; this run compiles with C1 alone, "
                + "under which TLS is slow: give the https:// URL itself (or set JAVA_OPTS=-XX:TieredStopAtLevel=4)";
    }

    private static boolean isHttps(String url) {
        return url.regionMatches(true, 0, "https://", 0, "https://".length());
    }

    private static boolean withoutC2() {
        String level = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("TieredStopAtLevel").getValue();
        return Integer.parseInt(level) < 4;
    }
}
