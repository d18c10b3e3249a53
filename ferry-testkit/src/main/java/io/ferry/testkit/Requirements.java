package io.ferry.testkit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine, checked at the start of the test. Outside CI a missing
 * requirement skips the test with a message saying how to install it; in CI ({@code CI=true})
 * it fails the test, so a CI machine that lost a tool cannot pass by skipping. One exception: SPDK's
 * prebuilt tools on a CPU that cannot execute them skip the test in CI too, saying so, since no
 * change to the project or the machine's packages makes them run there.
 */
public final class Requirements {
    static final String NGINX_INSTALL_HINT = "install it with: apt-get install nginx-light";
    static final String TINYPROXY_INSTALL_HINT = "install it with: apt-get install tinyproxy";
    static final String PYTHON_INSTALL_HINT = "install it with: apt-get install python3";

    private Requirements() {
    }

    /** nginx, for {@link NginxServer}. */
    public static void nginx() {
        require(NginxServer.isAvailable(), "nginx (/usr/sbin/nginx or on the PATH)", NGINX_INSTALL_HINT);
    }

    /** tinyproxy, for {@link TinyproxyServer}. */
    public static void tinyproxy() {
        require(TinyproxyServer.isAvailable(), "tinyproxy (/usr/bin/tinyproxy or on the PATH)", TINYPROXY_INSTALL_HINT);
    }

    /** python3, for {@link PythonHttpServer}. */
    public static void python() {
        require(PythonHttpServer.isAvailable(), "python3 (/usr/bin/python3 or on the PATH)", PYTHON_INSTALL_HINT);
    }

    /** SPDK's NVMe/TCP tools in ../shared/tools/spdk, for {@link SpdkTools}, and root to run them. */
    public static void spdkTools() {
        require(SpdkTools.directory() != null, "SPDK's tools (../shared/tools/spdk beside the repository)",
                "they come with the shared machine set-up; see ../shared/tools/spdk/README.md");
        require(SpdkTools.isRoot(), "root (SPDK's tools need it)", "run the tests as root");
        String unusable = SpdkTools.unusableReason();
        Assumptions.assumeTrue(unusable == null, () -> unusable + "; skipped, with CI=true too");
    }

    private static void require(boolean present, String what, String installHint) {
        if (present) {
            return;
        }
        String message = what + " is missing; " + installHint;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true, so this fails instead of skipping)");
        }
        Assumptions.abort(message);
    }
}
