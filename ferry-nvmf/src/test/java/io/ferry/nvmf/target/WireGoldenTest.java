package io.ferry.nvmf.target;

import io.ferry.nvmf.support.Pdus;
import io.ferry.nvmf.support.Splits;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the target puts on the wire, byte for byte, for the first exchanges of SPDK's identify
 * (nvme-tcp-notes.md §8.1, §8.8): expected bytes written out by hand from the layouts.
 */
class WireGoldenTest {
    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    private static int crc(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }

    @Test
    void shouldAnswerIcReqAndConnectAsSpdkTargetDoes() {
        try (Harness harness = new Harness()) {
            MalformedPduTest.Raw raw = new MalformedPduTest.Raw(harness, Splits.ONE_BYTE);
            raw.send(Pdus.icReq(false, false));
            assertThat(raw.reply()).isEqualTo(hex("01 00 80 00 80000000 0000 00 00 00000200" + "00".repeat(112)));
            raw.send(Pdus.connect(Harness.NQN, Harness.HOST_NQN));
            assertThat(raw.reply()).as("CNTLID 1 in CDW0, SQHD 1, CID 0, success")
                    .isEqualTo(hex("05 00 18 00 18000000 01000000 00000000 0100 0000 0000 0000"));
        }
    }

    @Test
    void shouldSealHeadersAndDataWhenDigestsAreNegotiated() {
        try (Harness harness = new Harness()) {
            MalformedPduTest.Raw raw = new MalformedPduTest.Raw(harness, Splits.RANDOM);
            raw.send(Pdus.icReq(true, true));
            assertThat(raw.reply()).isEqualTo(hex("01 00 80 00 80000000 0000 00 03 00000200" + "00".repeat(112)));

            byte[] plain = Pdus.connect(Harness.NQN, Harness.HOST_NQN);
            byte[] sealed = new byte[76 + 1024 + 4];
            System.arraycopy(plain, 0, sealed, 0, 72);
            System.arraycopy(plain, 72, sealed, 76, 1024);
            ByteBuffer b = ByteBuffer.wrap(sealed).order(ByteOrder.LITTLE_ENDIAN);
            b.put(1, (byte) 0x03).put(3, (byte) 76).putInt(4, sealed.length);
            b.putInt(72, crc(sealed, 0, 72));
            b.putInt(76 + 1024, crc(sealed, 76, 1024));
            raw.send(sealed);

            byte[] expected = hex("05 01 18 00 1c000000 01000000 00000000 0100 0000 0000 0000 00000000");
            ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN).putInt(24, crc(expected, 0, 24));
            assertThat(raw.reply()).as("CapsuleResp, PLEN 28, FLAGS 0x01 (§8.8)").isEqualTo(expected);
        }
    }
}
