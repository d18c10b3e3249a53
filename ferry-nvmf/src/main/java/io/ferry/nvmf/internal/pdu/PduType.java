package io.ferry.nvmf.internal.pdu;

/** PDU types and their fixed header lengths (nvme-tcp-notes.md §2.1, table of types). */
public final class PduType {
    public static final int IC_REQ = 0x00;
    public static final int IC_RESP = 0x01;
    public static final int H2C_TERM_REQ = 0x02;
    public static final int C2H_TERM_REQ = 0x03;
    public static final int CAPSULE_CMD = 0x04;
    public static final int CAPSULE_RESP = 0x05;
    public static final int H2C_DATA = 0x06;
    public static final int C2H_DATA = 0x07;
    public static final int R2T = 0x09;

    /** Types a controller receives, as a bit set of {@code 1 << type}. */
    public static final int FROM_HOST = 1 << IC_REQ | 1 << H2C_TERM_REQ | 1 << CAPSULE_CMD | 1 << H2C_DATA;
    /** Types a host receives, as a bit set of {@code 1 << type}. */
    public static final int FROM_CONTROLLER = 1 << IC_RESP | 1 << C2H_TERM_REQ | 1 << CAPSULE_RESP | 1 << C2H_DATA | 1 << R2T;

    private PduType() {
    }

    /** HLEN of a type (§2.1), or -1 for a type that does not exist. */
    public static int headerLength(int type) {
        return switch (type) {
            case IC_REQ, IC_RESP -> 128;
            case CAPSULE_CMD -> 72;
            case H2C_TERM_REQ, C2H_TERM_REQ, CAPSULE_RESP, H2C_DATA, C2H_DATA, R2T -> 24;
            default -> -1;
        };
    }

    /** Whether a header digest follows the header of this type when digests were negotiated (§2.9). */
    public static boolean hasHeaderDigest(int type) {
        return type == CAPSULE_CMD || type == CAPSULE_RESP || type == H2C_DATA || type == C2H_DATA || type == R2T;
    }

    /** Whether a PDU of this type may carry data after its header (§2.1, DDGST column). */
    public static boolean mayCarryData(int type) {
        return type == CAPSULE_CMD || type == H2C_DATA || type == C2H_DATA;
    }

    public static boolean isTermReq(int type) {
        return type == H2C_TERM_REQ || type == C2H_TERM_REQ;
    }

    public static boolean isInitialize(int type) {
        return type == IC_REQ || type == IC_RESP;
    }

    /** A name for messages. */
    public static String name(int type) {
        return switch (type) {
            case IC_REQ -> "ICReq";
            case IC_RESP -> "ICResp";
            case H2C_TERM_REQ -> "H2CTermReq";
            case C2H_TERM_REQ -> "C2HTermReq";
            case CAPSULE_CMD -> "CapsuleCmd";
            case CAPSULE_RESP -> "CapsuleResp";
            case H2C_DATA -> "H2CData";
            case C2H_DATA -> "C2HData";
            case R2T -> "R2T";
            default -> "type 0x" + Integer.toHexString(type);
        };
    }
}
