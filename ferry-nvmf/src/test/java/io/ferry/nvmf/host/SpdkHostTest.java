package io.ferry.nvmf.host;

import io.ferry.testkit.SpdkTarget;
import io.ferry.testkit.SpdkTargetExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Our host against SPDK's nvmf_tgt (skipped where its prebuilt tools cannot run, see SpdkTools). */
class SpdkHostTest extends HostContract {
    @RegisterExtension
    static final SpdkTargetExtension SPDK = new SpdkTargetExtension(NAMESPACE_MIB);

    @Override
    Served served() {
        return new Served(SPDK.target().port(), SpdkTarget.NQN, SpdkTarget.MODEL, SpdkTarget.SERIAL);
    }
}
