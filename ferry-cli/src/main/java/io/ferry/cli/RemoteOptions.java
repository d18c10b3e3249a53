package io.ferry.cli;

import io.ferry.remote.RemoteBackend;
import io.ferry.remote.RemoteSettings;
import io.ferry.remote.s3.S3Settings;
import io.ferry.settings.Settings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/** Options of the commands that talk to remote objects; each overrides its FERRY_* variable. */
final class RemoteOptions {
    @Option(names = "--engine", paramLabel = "NAME",
            description = "Remote engine: multiplexed or blocking (default: FERRY_REMOTE_ENGINE or multiplexed).")
    String engine;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "S3 endpoint, as with the AWS CLI (default: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, the profile, or AWS).")
    String endpointUrl;

    @Option(names = "--no-sign-request", description = "Send S3 requests unsigned, for public buckets (FERRY_S3_ANONYMOUS=on).")
    boolean noSignRequest;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    /**
     * A backend factory whose S3 configuration is the environment's (with {@code ~} as
     * {@code $HOME}), with {@code --endpoint-url} on top; temporary credentials are renewed on
     * {@code workers} while a transfer runs.
     */
    RemoteBackend.Factory factory(Executor workers) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        if (endpointUrl != null) {
            environment.put("AWS_ENDPOINT_URL_S3", endpointUrl);
        }
        return RemoteBackend.factory().workers(workers).credentialsRefresh(workers).environment(environment);
    }

    /** The environment's settings with these options on top; a bad value is a usage error that names its option. */
    Settings settings(CommandSpec spec) {
        Settings.Builder builder = Settings.fromEnvironment().toBuilder();
        if (engine != null) {
            builder.set(RemoteSettings.REMOTE_ENGINE,
                    Usage.option(spec, "--engine", () -> RemoteSettings.REMOTE_ENGINE.validate(engine.trim(), "--engine")));
        }
        connection.applyTo(spec, builder);
        if (noSignRequest) {
            builder.set(S3Settings.S3_ANONYMOUS, "on");
        }
        return builder.build();
    }
}
