package io.ferry.nvmf.host;

import io.ferry.testkit.SpdkTarget;
import io.ferry.testkit.SpdkTargetExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Our host against SPDK's nvmf_tgt (skipped where its prebuilt tools cannot run, see SpdkTools). */
class SpdkHostTest extends HostContract {
    @RegisterExtension
    static final SpdkTargetExtension SPDK = new SpdkTargetExtension(NAMESPACE_MIB);

    @Override
    int port() {
        return SPDK.target().port();
    }

    @Override
    String nqn() {
        return SpdkTarget.NQN;
    }

    @Override
    String model() {
        return SpdkTarget.MODEL;
    }

    @Override
    String serial() {
        return SpdkTarget.SERIAL;
    }
}
