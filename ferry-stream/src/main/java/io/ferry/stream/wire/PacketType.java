package io.ferry.stream.wire;

/** What a packet carries; its code is the header's {@link PacketHeader#TYPE} byte. */
public enum PacketType {
    /** A payload at a stream offset (possibly compressed). */
    DATA(1),
    /** A run of zero bytes at a stream offset, sent as a header only (zero blocks and holes). */
    ZERO(2),
    /** A sync point: every packet sent before it on every channel lands before any packet after it. */
    SYNC(3),
    /** The receiver confirms a sync point: everything before it is durable. Also the answer to a manifest. */
    SYNC_ACK(4),
    /** The sender has sent everything; the stream commits when every channel has ended. */
    END(5),
    /** The stream failed; the payload is a short UTF-8 message. */
    ERROR(6),
    /** A piece of the stream's manifest (its files and their places in the stream). */
    MANIFEST(7);

    private static final PacketType[] BY_CODE = new PacketType[8];

    static {
        for (PacketType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    /** The type's code, the header's {@link PacketHeader#TYPE} byte. */
    public int code() {
        return code;
    }

    /** The type with this code, or null for an unknown code. */
    public static PacketType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
