package io.ferry.file.engine;

import io.ferry.internal.Errno;
import io.ferry.spi.EngineSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe answers once, never throws, and explains each way io_uring_setup can be refused. */
class IoUringProbeTest {
    @Test
    void shouldProbeOnceAndAnswerWithAReason() {
        EngineSupport support = new IoUringEngine().support();
        assertThat(new IoUringEngine().support()).isSameAs(support);
        assertThat(support.reason()).isNotBlank();
    }

    @Test
    void shouldExplainEachSetupFailure() {
        assertThat(IoUringProbe.setupFailure(Errno.ENOSYS)).contains("ENOSYS", "5.1", "CONFIG_IO_URING", "seccomp");
        assertThat(IoUringProbe.setupFailure(Errno.EPERM)).contains("kernel.io_uring_disabled");
        assertThat(IoUringProbe.setupFailure(Errno.ENOMEM)).contains("ENOMEM", "RLIMIT_MEMLOCK");
        assertThat(IoUringProbe.setupFailure(Errno.EINVAL)).contains("EINVAL");
    }
}
