package io.ferry.cli;

import io.ferry.remote.RemoteBackend;
import io.ferry.remote.RemoteSettings;
import io.ferry.remote.s3.S3Location;
import io.ferry.remote.s3.S3Settings;
import io.ferry.settings.Settings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'",
            description = "Send this header with every request to an http(s) URL, as curl -H (repeatable; not for s3://, "
                    + "whose requests are signed).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--cacert", paramLabel = "FILE",
            description = "Trust the certificate authorities of this PEM file for https, instead of the JDK's (FERRY_HTTP_CA_FILE).")
    String caFile;

    @Option(names = {"-k", "--insecure"},
            description = "Do not verify https servers' certificates and names, as curl -k: for test servers only (FERRY_HTTP_INSECURE=on).")
    boolean insecure;

    @Option(names = {"-x", "--proxy"}, paramLabel = "URL",
            description = "Send every request through this HTTP proxy, as curl -x: http://[USER:PASSWORD@]HOST[:PORT] "
                    + "(default: https_proxy for https, http_proxy for http, else all_proxy).")
    String proxy;

    @Option(names = "--noproxy", paramLabel = "LIST",
            description = "Hosts to reach without the proxy, as curl --noproxy: comma-separated names (with their "
                    + "subdomains), addresses, CIDR ranges, or * (default: no_proxy).")
    String noProxy;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    /**
     * A backend factory whose S3 configuration and proxies are the environment's (with {@code ~} as
     * {@code $HOME}), with {@code --endpoint-url}, {@code --proxy} and {@code --noproxy} on top;
     * temporary credentials are renewed on {@code workers} while a transfer runs.
     */
    RemoteBackend.Factory factory(CommandSpec spec, String url, Executor workers) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        if (endpointUrl != null) {
            environment.put("AWS_ENDPOINT_URL_S3", endpointUrl);
        }
        RemoteBackend.Factory base = RemoteBackend.factory().workers(workers).credentialsRefresh(workers).environment(environment);
        RemoteBackend.Factory proxied = proxy == null ? base : Usage.option(spec, "--proxy", () -> base.proxy(proxy));
        RemoteBackend.Factory factory = noProxy == null ? proxied : proxied.noProxy(noProxy);
        if (headers.isEmpty()) {
            return factory;
        }
        if (S3Location.isS3(url)) {
            throw Usage.error(spec, "-H: headers are for http(s) URLs; requests to " + url + " are signed");
        }
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw Usage.error(spec, "-H '" + header + "': expected 'NAME: VALUE'");
            }
            parsed.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        return Usage.option(spec, "-H", () -> factory.headers(parsed));
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
        if (caFile != null) {
            if (!Files.isReadable(Path.of(caFile))) {
                throw Usage.error(spec, "--cacert " + caFile + ": no readable file there");
            }
            builder.set(RemoteSettings.HTTP_CA_FILE, caFile);
        }
        if (insecure) {
            builder.set(RemoteSettings.HTTP_INSECURE, "on");
        }
        return builder.build();
    }
}
