package io.ferry.nvmf.target;

import io.ferry.nvmf.support.Pdus;
import io.ferry.nvmf.support.Splits;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
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

    @Test
    void shouldEndAReadWithC2hDataSuccessWhenTheHostDisabledSqFlowControl() {
        try (Harness harness = new Harness()) {
            MalformedPduTest.Raw raw = new MalformedPduTest.Raw(harness, Splits.RANDOM);
            raw.send(Pdus.icReq(false, false));
            assertThat(raw.reply()).hasSize(128);
            byte[] connect = Pdus.connect(Harness.NQN, Harness.HOST_NQN);
            connect[8 + 46] = 0x04;
            raw.send(connect);
            assertThat(raw.reply()).as("Connect's CapsuleResp").hasSize(24);
            // Property Set CC.EN (IOSQES 6, IOCQES 4), CID 1: no data, so a CapsuleResp.
            raw.send(Pdus.of(72).header(0x04, 0, 72, 0, 72).u8(8, 0x7F).u8(9, 0x40).u16(10, 1).u8(12, 0x00).u8(32 + 15, 0x5A)
                    .u32(8 + 44, 0x14).u64(8 + 48, 0x00460001).bytes());
            assertThat(raw.reply()).as("Property Set's CapsuleResp: CID 1, success")
                    .isEqualTo(hex("05 00 18 00 18000000 00000000 00000000 0200 0000 0100 0000"));
            // Identify Controller, CID 2, 4 KiB by a transport SGL data block: one C2HData, LAST_PDU | SUCCESS, nothing after.
            raw.send(Pdus.of(72).header(0x04, 0, 72, 0, 72).u8(8, 0x06).u8(9, 0x40).u16(10, 2)
                    .u32(32 + 8, 4096).u8(32 + 15, 0x5A).u32(8 + 40, 1).bytes());
            byte[] reply = raw.reply();
            assertThat(reply).as("C2HData of 24 + 4096 bytes and no CapsuleResp").hasSize(24 + 4096);
            assertThat(Arrays.copyOf(reply, 24)).as("C2HData: FLAGS 0x0C, HLEN 24, PDO 24, PLEN 4120, CCCID 2, DATAO 0, DATAL 4096")
                    .isEqualTo(hex("07 0c 18 18 18100000 0200 0000 00000000 00100000 00000000"));
        }
    }
}
