package io.ferry.remote;

import io.ferry.remote.http.Tls;
import io.ferry.settings.CoreSettings;
import io.ferry.settings.Settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;

/**
 * The engine that {@link RemoteSettings#REMOTE_ENGINE} chooses for a {@link RemoteBackend}, with the
 * connections, timeout and TLS trust that the settings give it.
 */
final class RemoteEngines {
    private RemoteEngines() {
    }

    /** The TLS of every connection: the trust {@link RemoteSettings#HTTP_CA_FILE} names, or none with {@link RemoteSettings#HTTP_INSECURE}. */
    static Tls tls(Settings settings) {
        return settings.get(RemoteSettings.HTTP_INSECURE).equals("on") ? Tls.insecureClient() : Tls.client(caFile(settings));
    }

    /**
     * The blocking engine on {@code workers}, refused when the factory gave none, or the multiplexed
     * engine, with room for the control calls beside the transfers.
     */
    static RemoteEngine create(Settings settings, Executor workers, Tls tls, Retries retries) {
        String engineName = settings.get(RemoteSettings.REMOTE_ENGINE);
        long timeoutNs = settings.get(RemoteSettings.HTTP_TIMEOUT);
        int connections = settings.get(RemoteSettings.REMOTE_MAX_CONNECTIONS);
        if (engineName.equals("blocking")) {
            if (workers == null) {
                throw RemoteSettings.REMOTE_ENGINE.invalid(engineName, "the blocking engine needs worker threads: "
                        + "create the backend with RemoteBackend.factory().workers(executor)");
            }
            return new BlockingEngine(workers, connections, timeoutNs, tls, retries);
        }
        int transfers = settings.get(CoreSettings.MAX_TRANSFERS_IN_FLIGHT);
        return new MultiplexedEngine(connections, transfers + ControlCalls.MAX_IN_FLIGHT, timeoutNs,
                settings.get(RemoteSettings.TASK_SIZE), tls, retries);
    }

    private static Path caFile(Settings settings) {
        String value = settings.get(RemoteSettings.HTTP_CA_FILE);
        if (value.equals("system")) {
            return null;
        }
        if (!Files.isReadable(Path.of(value))) {
            throw RemoteSettings.HTTP_CA_FILE.invalid(value, "no readable file there");
        }
        return Path.of(value);
    }
}
