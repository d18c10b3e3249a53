package io.ferry.cli;

import io.ferry.testkit.SpdkTarget;
import io.ferry.testkit.SpdkTargetExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

/** The NVMe commands against SPDK's nvmf_tgt (skipped where its prebuilt tools cannot run, see SpdkTools). */
class NvmeCommandsOnSpdkTest extends NvmeCommandsContract {
    @RegisterExtension
    static final SpdkTargetExtension SPDK = new SpdkTargetExtension(NAMESPACE_MIB);

    @Override
    Served served() {
        return new Served(SPDK.target().port(), SpdkTarget.NQN, List.of(SpdkTarget.MODEL, SpdkTarget.SERIAL));
    }
}
