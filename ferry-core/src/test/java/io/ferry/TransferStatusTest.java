package io.ferry;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransferStatusTest {
    private static final FerryException FULL = new FerryException(ErrorCode.IO_ERROR,
            "pwrite(file /d/x, offset 0, length 4096) failed: ENOSPC (no space left on device)");
    private static final FerryException GONE = new FerryException(ErrorCode.NOT_FOUND, "GET http://h/y: HTTP 404 Not Found");

    @Test
    void shouldNameTheFailedDescriptorAroundItsCause() {
        TransferStatus status = new TransferStatus(TransferState.FAILED, List.of(new DescriptorFailure(0, "file /d/x", 0, 4096, FULL)));
        assertThatThrownBy(status::throwIfFailed).isInstanceOf(FerryException.class)
                .hasMessage("descriptor 0 (file /d/x, offset 0, length 4096): " + FULL.getMessage()).hasCause(FULL);
    }

    @Test
    void shouldThrowTheCauseAloneWhenOneDescriptorFailed() {
        TransferStatus status = new TransferStatus(TransferState.FAILED, List.of(new DescriptorFailure(0, "file /d/x", 0, 4096, FULL)));
        assertThatThrownBy(status::throwCauseIfFailed).isSameAs(FULL);
    }

    @Test
    void shouldSummariseSeveralFailuresEitherWay() {
        TransferStatus status = new TransferStatus(TransferState.FAILED, List.of(
                new DescriptorFailure(0, "file /d/x", 0, 4096, FULL), new DescriptorFailure(3, "object http://h/y", 0, 10, GONE)));
        assertThatThrownBy(status::throwCauseIfFailed).isInstanceOf(FerryException.class)
                .hasMessageStartingWith("transfer FAILED: 2 descriptors failed").hasMessageContaining(GONE.getMessage());
    }

    @Test
    void shouldReturnWhenDone() {
        TransferStatus done = new TransferStatus(TransferState.DONE, List.of());
        assertThat(done.throwCauseIfFailed()).isSameAs(done);
        assertThat(done.throwIfFailed()).isSameAs(done);
    }
}
