package io.ferry.file;

import io.ferry.Agent;
import io.ferry.Target;
import io.ferry.testkit.BackendConformance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The backend conformance suite on the file backend, once per engine, with I/Os small enough to be split and bounced. */
@ParameterizedClass
@MethodSource("io.ferry.file.EngineParameters#engines")
class FileBackendConformanceTest extends BackendConformance {
    @Parameter
    String engine;

    @TempDir
    Path dir;

    private FileBackend files;

    @Override
    protected Agent newAgent() {
        assumeTrue(FileEngines.builtins().find(engine).support().supported(), engine + " is not supported here");
        Agent agent = Agent.create(EngineConformance.smallIos().set(FileSettings.FILE_ENGINE, engine).build());
        files = agent.attach(FileBackend.factory());
        return agent;
    }

    @Override
    protected Target readableTarget(Agent agent, byte[] bytes) throws Exception {
        return files.open(Files.write(dir.resolve("target.bin"), bytes));
    }
}
