package io.ferry.testkit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine, checked at the start of the test. Outside CI a missing
 * requirement skips the test with a message saying how to install it; in CI ({@code CI=true})
 * it fails the test, so a CI machine that lost a tool cannot pass by skipping.
 */
public final class Requirements {
    static final String NGINX_INSTALL_HINT = "install it with: apt-get install nginx-light";

    private Requirements() {
    }

    /** nginx, for {@link NginxServer}. */
    public static void nginx() {
        require(NginxServer.isAvailable(), "nginx (/usr/sbin/nginx or on the PATH)", NGINX_INSTALL_HINT);
    }

    static void require(boolean present, String what, String installHint) {
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
