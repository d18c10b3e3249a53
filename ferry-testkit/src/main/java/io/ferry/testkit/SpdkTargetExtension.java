package io.ferry.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * SPDK's nvmf_tgt ({@link SpdkTarget}) shared by the tests of one class: started before the first
 * test, stopped after the last; the class is skipped where the tools cannot run (see
 * {@link Requirements#spdkTools}). {@code @RegisterExtension static final SpdkTargetExtension SPDK =
 * new SpdkTargetExtension(64);}
 */
public final class SpdkTargetExtension implements BeforeAllCallback, AfterAllCallback {
    private final int mebibytes;
    private SpdkTarget target;

    /** A target serving a memory namespace of {@code mebibytes} MiB. */
    public SpdkTargetExtension(int mebibytes) {
        this.mebibytes = mebibytes;
    }

    /** The running target; only between the class's first and last test. */
    public SpdkTarget target() {
        if (target == null) {
            throw new IllegalStateException("SPDK's target runs only while the tests of its class run");
        }
        return target;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        target = SpdkTarget.start(mebibytes);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (target != null) {
            target.close();
            target = null;
        }
    }
}
