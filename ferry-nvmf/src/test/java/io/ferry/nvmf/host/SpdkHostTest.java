package io.ferry.nvmf.host;

import io.ferry.testkit.SpdkTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Our host against SPDK's nvmf_tgt (skipped where its prebuilt tools cannot run, see SpdkTools). */
class SpdkHostTest extends HostContract {
    private static SpdkTarget target;

    @BeforeAll
    static void startTarget() {
        target = SpdkTarget.start(NAMESPACE_MIB);
    }

    @AfterAll
    static void stopTarget() {
        if (target != null) {
            target.close();
        }
    }

    @Override
    int port() {
        return target.port();
    }

    @Override
    String nqn() {
        return SpdkTarget.NQN;
    }

    @Override
    String model() {
        return "SPDK bdev Controller";
    }

    @Override
    String serial() {
        return "SPDK00000000000001";
    }
}
