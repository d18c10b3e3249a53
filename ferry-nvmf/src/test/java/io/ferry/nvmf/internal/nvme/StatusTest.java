package io.ferry.nvmf.internal.nvme;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusTest {
    @Test
    void shouldNameWellKnownStatusesBeforeTheirCodes() {
        assertThat(Status.describe(Status.UNRECOVERED_READ_ERROR)).isEqualTo("unrecovered read error (SCT 2 SC 0x81)");
        assertThat(Status.describe(Status.CONNECT_INVALID_HOST)).isEqualTo("connect: host not allowed (SCT 1 SC 0x84)");
        assertThat(Status.describe(0x0C2)).as("a status without a name").isEqualTo("SCT 0 SC 0xc2");
    }

    @Test
    void shouldPackAndUnpackTheStatusField() {
        assertThat(Status.field(Status.CONNECT_INVALID_HOST)).as("SC << 1 | SCT << 9 | DNR").isEqualTo(0x8308);
        assertThat(Status.field(Status.TRANSIENT_TRANSPORT_ERROR) & 0x8000).as("may be retried: no DNR").isZero();
        assertThat(Status.fromField(Status.field(Status.UNRECOVERED_READ_ERROR))).isEqualTo(Status.UNRECOVERED_READ_ERROR);
    }
}
