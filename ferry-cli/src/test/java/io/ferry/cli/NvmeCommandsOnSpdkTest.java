package io.ferry.cli;

import io.ferry.testkit.SpdkTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;

/** The NVMe commands against SPDK's nvmf_tgt (skipped where its prebuilt tools cannot run, see SpdkTools). */
class NvmeCommandsOnSpdkTest extends NvmeCommandsContract {
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
    List<String> controllerIdentity() {
        return List.of("SPDK bdev Controller", "SPDK00000000000001");
    }
}
