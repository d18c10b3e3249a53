package io.ferry.stream.receive;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The manifest as its pieces arrive, in order, up to a limit. The buffer grows with the bytes that
 * actually arrived, never to a length a peer declared.
 */
public final class ManifestPieces {
    private final int maxBytes;
    private byte[] bytes = new byte[0];
    private long received;
    private long total = -1;

    public ManifestPieces(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Adds the piece at {@code offset} of a manifest of {@code total} bytes; null, or why it is refused. */
    public FerryException add(long offset, long total, ByteBuffer piece) {
        if (total > maxBytes) {
            return new FerryException(ErrorCode.PROTOCOL_ERROR, "the manifest is larger than " + maxBytes + " bytes");
        }
        if (offset != received || (this.total >= 0 && total != this.total)) {
            return new FerryException(ErrorCode.PROTOCOL_ERROR, "manifest pieces out of order");
        }
        this.total = total;
        int length = piece.remaining();
        if (bytes.length < received + length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(total, Math.max(2L * bytes.length, received + length)));
        }
        piece.get(piece.position(), bytes, (int) received, length);
        received += length;
        return null;
    }

    public boolean isComplete() {
        return received == total;
    }

    /** The whole manifest, once complete. */
    public ByteBuffer bytes() {
        return ByteBuffer.wrap(bytes, 0, (int) received);
    }
}
