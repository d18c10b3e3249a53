package io.ferry.file;

import io.ferry.settings.CoreSettings;
import io.ferry.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The base of every conformance suite: runs the subclass once per built-in engine, skips engines
 * that do not work here, and closes the subclass's fixture after each test.
 */
@ParameterizedClass
@MethodSource("io.ferry.file.EngineParameters#engines")
abstract class EngineConformance {
    @Parameter
    String engine;

    @TempDir
    Path dir;

    /** Set by the subclass, usually in its own {@code @BeforeEach}; closed after each test. */
    FileFixture fixture;

    /** Settings with I/Os and bounce buffers so small that even small transfers are split, queued and bounced. */
    static Settings.Builder smallIos() {
        return Settings.builder()
                .set(FileSettings.MAX_IO_SIZE, 16_384L)
                .set(FileSettings.QUEUE_DEPTH, 4)
                .set(CoreSettings.BOUNCE_BUFFER_SIZE, 16_384L)
                .set(CoreSettings.BOUNCE_BUFFER_COUNT, 2);
    }

    @BeforeEach
    void skipUnsupportedEngine() {
        assumeTrue(FileEngines.builtins().find(engine).support().supported(), engine + " is not supported here");
    }

    @AfterEach
    void closeFixture() {
        if (fixture != null) {
            fixture.close();
        }
    }
}
