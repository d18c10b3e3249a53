package io.ferry.remote.http;

import java.util.Objects;

/** The User-Agent of every request, as curl and the AWS CLI send theirs: {@code ferry/VERSION}. */
public final class UserAgent {
    /** {@code ferry/0.1.0}, from the jar's Implementation-Version; {@code ferry/dev} when run from classes. */
    public static final String VALUE = "ferry/"
            + Objects.requireNonNullElse(UserAgent.class.getPackage().getImplementationVersion(), "dev");

    private UserAgent() {
    }
}
