package io.ferry.stream;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A resume record is a value: its digest is checked, copied in and out, and compared by content. */
@Timeout(10)
class ResumeRecordTest {
    @Test
    void shouldKeepItsDigestFromChangesOfTheCallersArrays() {
        byte[] digest = new byte[ResumeRecord.DIGEST_LENGTH];
        digest[0] = 5;
        ResumeRecord record = new ResumeRecord(digest, 4096, 3, 1 << 20);

        digest[0] = 6;
        record.digest()[1] = 7;

        byte[] expected = new byte[ResumeRecord.DIGEST_LENGTH];
        expected[0] = 5;
        assertThat(record.digest()).isEqualTo(expected);
        assertThat(record).isEqualTo(new ResumeRecord(expected, 4096, 3, 1 << 20))
                .isNotEqualTo(new ResumeRecord(new byte[ResumeRecord.DIGEST_LENGTH], 4096, 3, 1 << 20));
    }

    @Test
    void shouldRefuseADigestOfAnotherLength() {
        assertThatThrownBy(() -> new ResumeRecord(new byte[3], 4096, 0, 0))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("16 bytes");
    }
}
