package io.ferry.testkit;

import java.nio.file.Path;

/** The nginx.conf of an {@link NginxServer}: one static site, everything nginx writes kept inside its prefix. */
final class NginxConfig {
    private NginxConfig() {
    }

    /**
     * @param asRoot whether nginx runs as uid 0; it then chowns its temporary directories to the
     *               configured {@code user} (nobody by default), so the configuration names root
     */
    static String render(Path prefix, Path root, int port, boolean asRoot) {
        return render(prefix, root, port, asRoot, "");
    }

    /** As above, with an https listener on {@code tlsPort} using {@code certificate} and {@code key}. */
    static String render(Path prefix, Path root, int port, boolean asRoot, int tlsPort, Path certificate, Path key) {
        return render(prefix, root, port, asRoot, """
                        listen %s:%d ssl;
                        ssl_certificate "%s";
                        ssl_certificate_key "%s";
                """.formatted(Loopback.HOST, tlsPort, certificate, key));
    }

    private static String render(Path prefix, Path root, int port, boolean asRoot, String tlsListener) {
        return """
                daemon off;
                master_process off;
                worker_processes 1;
                %s
                pid "%s";
                error_log "%s" info;
                events {
                    worker_connections 1024;
                }
                http {
                    access_log "%s";
                    client_body_temp_path "%s";
                    proxy_temp_path "%s";
                    fastcgi_temp_path "%s";
                    uwsgi_temp_path "%s";
                    scgi_temp_path "%s";
                    default_type application/octet-stream;
                    sendfile on;
                    keepalive_requests 100000;
                    keepalive_timeout 60s;
                    server {
                        listen %s:%d;
                %s
                        root "%s";
                    }
                }
                """.formatted(
                asRoot ? "user root;" : "",
                prefix.resolve("nginx.pid"),
                prefix.resolve("error.log"),
                prefix.resolve("access.log"),
                prefix.resolve("client_body_temp"),
                prefix.resolve("proxy_temp"),
                prefix.resolve("fastcgi_temp"),
                prefix.resolve("uwsgi_temp"),
                prefix.resolve("scgi_temp"),
                Loopback.HOST, port,
                tlsListener,
                root.toAbsolutePath());
    }
}
