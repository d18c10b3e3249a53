package io.ferry.file.engine;

import io.ferry.internal.Errno;
import io.ferry.spi.EngineSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe runs once and explains each way io_setup can fail in words an operator can act on. */
class LibaioProbeTest {
    @Test
    void shouldProbeOnceAndGiveAReason() {
        EngineSupport first = new LibaioEngine().support();
        assertThat(new LibaioEngine().support()).isSameAs(first);
        assertThat(first.reason()).isNotBlank();
    }

    @Test
    void shouldExplainEachSetupFailure() {
        assertThat(LibaioProbe.explainSetup(Errno.ENOSYS, 1)).contains("ENOSYS", "CONFIG_AIO");
        assertThat(LibaioProbe.explainSetup(Errno.EPERM, 1)).contains("EPERM", "seccomp");
        assertThat(LibaioProbe.explainSetup(Errno.EAGAIN, 64)).contains("EAGAIN", "64 events", "fs.aio-nr (", "fs.aio-max-nr (");
        assertThat(LibaioProbe.explainSetup(Errno.EINVAL, 1)).contains("EINVAL");
    }
}
