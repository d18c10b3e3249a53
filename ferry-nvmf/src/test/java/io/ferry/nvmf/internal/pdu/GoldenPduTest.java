package io.ferry.nvmf.internal.pdu;

import io.ferry.nvmf.internal.nvme.Cqe;
import io.ferry.nvmf.internal.nvme.Sgl;
import io.ferry.nvmf.internal.nvme.Sqe;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PDUs byte for byte. The expected bytes are written out by hand from the layouts of
 * nvme-tcp-notes.md §2 and what SPDK's tools put on the wire (§8), not produced by the encoders
 * under test.
 */
class GoldenPduTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String text) {
        return HEX.parseHex(text.replace(" ", ""));
    }

    private static byte[] bytes(ByteBuffer b, int length) {
        byte[] out = new byte[length];
        b.get(0, out);
        return out;
    }

    private static ByteBuffer buffer(int length) {
        return ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
    }

    private static String zeros(int bytes) {
        return "00".repeat(bytes);
    }

    private static int crc(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }

    @Test
    void shouldMatchIscsiCrc32cVectorsWhenComputingDigests() {
        Digest digest = new Digest();
        ByteBuffer zeros = ByteBuffer.allocate(32);
        ByteBuffer ones = ByteBuffer.wrap(hex("ff".repeat(32)));
        ByteBuffer counting = ByteBuffer.wrap(hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
        ByteBuffer out = ByteBuffer.allocate(4);
        Le.put32(out, 0, digest.compute(zeros, 0, 32));
        assertThat(out.array()).isEqualTo(hex("aa36918a"));
        Le.put32(out, 0, digest.compute(ones, 0, 32));
        assertThat(out.array()).isEqualTo(hex("43aba862"));
        Le.put32(out, 0, digest.compute(counting, 0, 32));
        assertThat(out.array()).isEqualTo(hex("4e79dd46"));
    }

    @Test
    void shouldPadDataToDwordsWhenComputingDataDigestAsSpdkDoes() {
        byte[] padded = hex("0102030405000000");
        assertThat(new Digest().compute(ByteBuffer.wrap(hex("0102030405")), 0, 5)).isEqualTo(crc(padded, 0, 8));
    }

    @Test
    void shouldEncodeIcReqAsSpdkHostSendsIt() {
        ByteBuffer b = buffer(128);
        IcReq.put(b, 0, false, false, 0);
        assertThat(bytes(b, 128)).isEqualTo(hex("00 00 80 00 80000000 0000 00 00 00000000" + zeros(112)));
        IcReq.put(b, 0, true, true, 0);
        assertThat(bytes(b, 128)).isEqualTo(hex("00 00 80 00 80000000 0000 00 03 00000000" + zeros(112)));
    }

    @Test
    void shouldEncodeIcRespWithCpdaZeroEchoedDigestsAndMaxH2cData() {
        ByteBuffer b = buffer(128);
        IcResp.put(b, 0, false, false, 131072);
        assertThat(bytes(b, 128)).isEqualTo(hex("01 00 80 00 80000000 0000 00 00 00000200" + zeros(112)));
        IcResp.put(b, 0, true, false, 131072);
        assertThat(bytes(b, 128)).isEqualTo(hex("01 00 80 00 80000000 0000 00 01 00000200" + zeros(112)));
    }

    @Test
    void shouldEncodeCapsuleRespWithAndWithoutHeaderDigest() {
        ByteBuffer b = buffer(28);
        Cqe.put(b, CapsuleResp.CQE, 0x0001, 0, 1, 0, 0);
        assertThat(CapsuleResp.putHeader(b, false)).isEqualTo(24);
        byte[] plain = hex("05 00 18 00 18000000  01000000 00000000 0100 0000 0000 0000");
        assertThat(bytes(b, 24)).isEqualTo(plain);

        Cqe.put(b, CapsuleResp.CQE, 0, 0, 2, 3, 0x184);
        assertThat(CapsuleResp.putHeader(b, true)).isEqualTo(28);
        new Digest().sealHeader(b, 24);
        byte[] refused = hex("05 01 18 00 1c000000  00000000 00000000 0200 0000 0300 0883 00000000");
        ByteBuffer.wrap(refused).order(ByteOrder.LITTLE_ENDIAN).putInt(24, crc(refused, 0, 24));
        assertThat(bytes(b, 28)).as("status SCT 1 SC 0x84 with DNR: SC 0x84 << 1 | SCT 1 << 9 | DNR = 0x8308").isEqualTo(refused);
    }

    @Test
    void shouldEncodeC2hDataAsSpdkTargetSendsReads() {
        ByteBuffer b = buffer(132);
        assertThat(C2HData.put(b, false, false, 0, 5, 0, 4096, CommonHeader.LAST_PDU)).isEqualTo(24);
        assertThat(bytes(b, 24)).isEqualTo(hex("07 04 18 18 18100000 0500 0000 00000000 00100000 00000000"));
        assertThat(C2HData.put(b, true, true, 0, 5, 0, 4096, CommonHeader.LAST_PDU)).isEqualTo(28);
        assertThat(bytes(b, 24)).as("PDO 28, PLEN 28 + 4096 + 4, flags 0x07")
                .isEqualTo(hex("07 07 18 1c 20100000 0500 0000 00000000 00100000 00000000"));
        assertThat(C2HData.put(b, false, false, 7, 5, 0, 512, CommonHeader.LAST_PDU)).as("HPDA 7: 32-byte alignment").isEqualTo(32);
        assertThat(bytes(b, 8)).isEqualTo(hex("07 04 18 20 20020000"));
    }

    @Test
    void shouldEncodeR2tForWholeWriteWithSlotTag() {
        ByteBuffer b = buffer(28);
        assertThat(R2T.put(b, false, 0x0011, 3, 0, 131072)).isEqualTo(24);
        assertThat(bytes(b, 24)).isEqualTo(hex("09 00 18 00 18000000 1100 0300 00000000 00000200 00000000"));
    }

    @Test
    void shouldEncodeH2cDataAsHostsAnswerAnR2t() {
        ByteBuffer b = buffer(132);
        assertThat(H2CData.put(b, false, false, 0, 0x11, 3, 65536, 65536, true)).isEqualTo(24);
        assertThat(bytes(b, 24)).isEqualTo(hex("06 04 18 18 18000100 1100 0300 00000100 00000100 00000000"));
    }

    @Test
    void shouldFrameInCapsuleWriteAsSpdkHostSendsIt() {
        ByteBuffer b = buffer(132);
        assertThat(CapsuleCmd.putHeader(b, false, false, 4096, 0)).isEqualTo(72);
        assertThat(bytes(b, 8)).as("PLEN 4168 (§8.6)").isEqualTo(hex("04 00 48 48 48100000"));
        assertThat(CapsuleCmd.putHeader(b, true, true, 4096, 0)).isEqualTo(76);
        assertThat(bytes(b, 8)).as("PDO 76 with digests (§8.8)").isEqualTo(hex("04 03 48 4c 50100000"));
        assertThat(CapsuleCmd.putHeader(b, true, true, 0, 0)).isZero();
        assertThat(bytes(b, 8)).as("no data: PDO 0, no data digest flag").isEqualTo(hex("04 01 48 00 4c000000"));
    }

    @Test
    void shouldEncodeSqeAndSglFieldsAtTheirOffsets() {
        ByteBuffer sqe = ByteBuffer.allocate(64);
        Sqe.start(sqe, 0x02, 0x1234, 1);
        Sgl.put(sqe, Sqe.SGL1, Sgl.TRANSPORT, 4096);
        Le.put64(sqe, Sqe.CDW10, 0x0102030405L);
        Le.put32(sqe, Sqe.CDW12, 7);
        assertThat(bytes(sqe, 64)).isEqualTo(hex("02 40 3412 01000000" + zeros(16) + "0000000000000000 00100000 000000 5a"
                + "0504030201000000 07000000" + zeros(12)));
        assertThat(Sqe.blocks(sqe)).isEqualTo(8);
        assertThat(Sqe.slba(sqe)).isEqualTo(0x0102030405L);
    }

    @Test
    void shouldEncodeC2hTermReqQuotingTheOffendingHeader() {
        ByteBuffer b = buffer(TermReq.MAX_LENGTH);
        byte[] offending = hex("08 00 18 00 18000000" + zeros(16));
        int plen = TermReq.put(b, PduType.C2H_TERM_REQ, Fault.field(0), ByteBuffer.wrap(offending), 0, 24);
        assertThat(plen).isEqualTo(48);
        assertThat(bytes(b, 48)).isEqualTo(hex("03 00 18 00 30000000 0100 00000000" + zeros(10) + "08 00 18 00 18000000" + zeros(16)));
    }
}
