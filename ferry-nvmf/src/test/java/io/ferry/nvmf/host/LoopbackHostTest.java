package io.ferry.nvmf.host;

import io.ferry.nvmf.device.MemoryDevice;
import io.ferry.nvmf.support.LoopbackTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Our host against our target, in this JVM on its own poll-group threads. */
class LoopbackHostTest extends HostContract {
    private static final int BLOCK_BYTES = 512;
    private static LoopbackTarget target;

    @BeforeAll
    static void startTarget() throws Exception {
        target = new LoopbackTarget(new MemoryDevice((long) NAMESPACE_MIB * MIB / BLOCK_BYTES, BLOCK_BYTES), 2);
    }

    @AfterAll
    static void stopTarget() {
        if (target != null) {
            target.close();
        }
    }

    @Override
    Served served() {
        return new Served(target.address.getPort(), LoopbackTarget.NQN, LoopbackTarget.MODEL, LoopbackTarget.SERIAL);
    }
}
