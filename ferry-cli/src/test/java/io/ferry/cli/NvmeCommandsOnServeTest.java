package io.ferry.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The NVMe commands against {@code ferry serve} with a memory namespace, as a process of its own. */
class NvmeCommandsOnServeTest extends NvmeCommandsContract {
    private static final String NQN = "nqn.2026-01.io.ferry:nvme-commands";
    private static Path logs;
    private static Process serve;
    private static int port;

    @BeforeAll
    static void startServe() throws Exception {
        logs = Files.createTempDirectory("ferry-nvme-commands-");
        serve = CliProcess.start(logs.resolve("out.txt"), logs.resolve("err.txt"), null, "", "serve", "--listen",
                "127.0.0.1:0", "--memory", NAMESPACE_MIB + "m", "--nqn", NQN);
        port = ServeProcess.awaitPort(serve, logs.resolve("out.txt"), logs.resolve("err.txt"));
    }

    @AfterAll
    static void stopServe() throws Exception {
        try {
            ServeProcess.assertStopsCleanly(serve, "TERM", logs.resolve("err.txt"));
        } finally {
            serve.destroyForcibly();
            serve.waitFor(10, TimeUnit.SECONDS);
            for (String log : List.of("out.txt", "err.txt")) {
                Files.deleteIfExists(logs.resolve(log));
            }
            Files.deleteIfExists(logs);
        }
    }

    @Override
    Served served() {
        return new Served(port, NQN, List.of("Ferry NVMe/TCP target", ServeCommand.serialNumber(NQN)));
    }
}
