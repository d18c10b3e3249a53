package io.ferry.nvmf.internal.pdu;

import java.nio.ByteBuffer;

/**
 * H2CTermReq (type 2) and C2HTermReq (type 3), one layout (nvme-tcp-notes.md §2.4): the fatal
 * error status and a copy of the offending PDU header; the connection closes after it.
 */
public final class TermReq {
    public static final int HLEN = 24;
    /** FES, u16: fatal error status, see {@link Fault}. */
    public static final int FES = 8;
    /** FEI, 4 bytes: fatal error information (a byte offset, or the received digest). */
    public static final int FEI = 10;
    /** The most header bytes copied as error data. */
    public static final int MAX_ERROR_DATA = 128;
    /** The largest TermReq PDU. */
    public static final int MAX_LENGTH = HLEN + MAX_ERROR_DATA;

    private TermReq() {
    }

    /** For messages: the fault a received TermReq at {@code at} of {@code b} announces. */
    public static String describe(ByteBuffer b, int at) {
        return Fault.describe(Fault.of(Le.u16(b, at + FES), Le.i32(b, at + FEI)));
    }

    /**
     * Writes a TermReq into {@code b} whose error data are {@code copyLength} bytes of {@code source}
     * from {@code from} (at most {@link #MAX_ERROR_DATA}); returns PLEN.
     */
    public static int put(ByteBuffer b, int type, long fault, ByteBuffer source, int from, int copyLength) {
        int copied = Math.min(copyLength, MAX_ERROR_DATA);
        Le.zero(b, 0, HLEN);
        CommonHeader.put(b, type, 0, HLEN, 0, HLEN + copied);
        Le.put16(b, FES, Fault.status(fault));
        Le.put32(b, FEI, Fault.information(fault));
        for (int i = 0; i < copied; i++) {
            b.put(HLEN + i, source.get(from + i));
        }
        return HLEN + copied;
    }
}
