package io.ferry.stream;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.DirectMode;
import io.ferry.settings.Settings;
import io.ferry.stream.wire.Handshake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tokens of stream and receiver options: checked, copied in and out, compared by content. */
@Timeout(10)
class OptionsTest {
    private static byte[] token(int fill) {
        byte[] token = new byte[Handshake.TOKEN_LENGTH];
        Arrays.fill(token, (byte) fill);
        return token;
    }

    @Test
    void shouldRefuseAMissingSenderTokenWithAClearError() {
        StreamOptions options = StreamOptions.from(Settings.defaults());

        assertThatThrownBy(() -> options.withToken(null))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("a stream token has " + Handshake.TOKEN_LENGTH + " bytes");
    }

    @Test
    void shouldKeepTheReceiverTokenFromChangesOfTheCallersArrays() {
        byte[] given = token(7);
        ReceiverOptions options = ReceiverOptions.from(Settings.defaults()).withToken(given);

        given[0] = 0;
        options.token()[1] = 0;

        assertThat(options.token()).isEqualTo(token(7));
    }

    @Test
    void shouldCompareReceiverOptionsByTheTokensContent() {
        ReceiverOptions base = ReceiverOptions.from(Settings.defaults());

        assertThat(base.withToken(token(3))).isEqualTo(base.withToken(token(3))).isNotEqualTo(base.withToken(token(4)));
        assertThat(base.withToken(null)).isEqualTo(base).isNotEqualTo(base.withToken(token(3)));
        assertThat(base.withDirect(DirectMode.REQUIRED)).isEqualTo(base.withDirect(DirectMode.REQUIRED)).isNotEqualTo(base);
        assertThat(base.withDirect(DirectMode.REQUIRED).withToken(token(3)).direct()).as("kept by the other withers")
                .isEqualTo(DirectMode.REQUIRED);
    }
}
