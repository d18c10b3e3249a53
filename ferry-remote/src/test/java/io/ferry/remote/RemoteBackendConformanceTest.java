package io.ferry.remote;

import io.ferry.Agent;
import io.ferry.Target;
import io.ferry.testkit.BackendConformance;
import io.ferry.testkit.NginxServer;
import io.ferry.testkit.Requirements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The backend conformance suite on the remote backend, reading from a real nginx, on both engines with small tasks. */
@ParameterizedClass
@ValueSource(strings = {"multiplexed", "blocking"})
class RemoteBackendConformanceTest extends BackendConformance {
    @TempDir
    static Path root;
    private static NginxServer nginx;
    private static final ExecutorService WORKERS = Executors.newVirtualThreadPerTaskExecutor();

    @Parameter
    String engine;

    private RemoteBackend remote;

    @BeforeAll
    static void startNginx() {
        Requirements.nginx();
        nginx = NginxServer.start(root);
    }

    @AfterAll
    static void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Override
    protected Agent newAgent() {
        Agent agent = Agent.create(RemoteFixture.smallTasks().set(RemoteSettings.REMOTE_ENGINE, engine).build());
        remote = agent.attach(RemoteBackend.factory().workers(WORKERS));
        return agent;
    }

    @Override
    protected Target readableTarget(Agent agent, byte[] bytes) throws Exception {
        Files.write(root.resolve("target.bin"), bytes);
        return remote.open(nginx.uri("target.bin").toString());
    }
}
