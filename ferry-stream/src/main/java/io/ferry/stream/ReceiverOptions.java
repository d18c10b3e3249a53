package io.ferry.stream;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.DirectMode;
import io.ferry.settings.Settings;
import io.ferry.stream.wire.Handshake;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a receiver accepts and how it keeps its promises.
 *
 * @param streamId         the only stream accepted, or 0 for the first stream that connects
 * @param token            the token every channel must present ({@link Handshake#TOKEN_LENGTH} bytes), or null for none
 * @param idleTimeoutNs    how long a channel may stay silent before the stream fails
 * @param resume           continue an interrupted stream from its resume record when the manifest matches
 * @param recordPath       where the resume record is kept; null for {@code DEST.ferry-resume} beside DEST
 *                         (required for a block device, which has no "beside"; refused for a character device,
 *                         which keeps no record)
 * @param slotsPerChannel  receive buffers (of one block each) per channel
 * @param maxManifestBytes the largest manifest accepted
 * @param direct           whether files and block devices are written with O_DIRECT, past the page cache
 */
public record ReceiverOptions(long streamId, byte[] token, long idleTimeoutNs, boolean resume, Path recordPath,
                              int slotsPerChannel, int maxManifestBytes, DirectMode direct) {
    /** Checks the token's length and that the timeout, slots and manifest limit are positive; copies the token. */
    public ReceiverOptions {
        Objects.requireNonNull(direct, "direct");
        if (token != null && token.length != Handshake.TOKEN_LENGTH) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "a stream token has " + Handshake.TOKEN_LENGTH + " bytes");
        }
        if (idleTimeoutNs <= 0 || slotsPerChannel < 1 || maxManifestBytes < 1) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "idle timeout, slots and manifest limit must be positive");
        }
        token = token == null ? null : token.clone();
    }

    /** Any stream, no token, no resume, through the page cache, the idle timeout from settings. */
    public static ReceiverOptions from(Settings settings) {
        return new ReceiverOptions(0, null, settings.get(StreamSettings.STREAM_IDLE_TIMEOUT), false, null, 2,
                64 << 20, DirectMode.OFF);
    }

    /** These options, resuming an interrupted stream when {@code resume} is true. */
    public ReceiverOptions withResume(boolean resume) {
        return new ReceiverOptions(streamId, token, idleTimeoutNs, resume, recordPath, slotsPerChannel, maxManifestBytes,
                direct);
    }

    /** These options, requiring {@code token} (copied) of every channel, or none when null. */
    public ReceiverOptions withToken(byte[] token) {
        return new ReceiverOptions(streamId, token, idleTimeoutNs, resume, recordPath, slotsPerChannel, maxManifestBytes,
                direct);
    }

    /** These options, failing the stream when a channel stays silent for {@code idleTimeoutNs}. */
    public ReceiverOptions withIdleTimeoutNs(long idleTimeoutNs) {
        return new ReceiverOptions(streamId, token, idleTimeoutNs, resume, recordPath, slotsPerChannel, maxManifestBytes,
                direct);
    }

    /** These options, keeping the resume record at {@code recordPath}, or beside the destination when null. */
    public ReceiverOptions withRecordPath(Path recordPath) {
        return new ReceiverOptions(streamId, token, idleTimeoutNs, resume, recordPath, slotsPerChannel, maxManifestBytes,
                direct);
    }

    /**
     * These options, writing the destination with O_DIRECT as {@code direct} says: data goes to the device
     * without filling the page cache, which the stream would flush at every sync point anyway.
     */
    public ReceiverOptions withDirect(DirectMode direct) {
        return new ReceiverOptions(streamId, token, idleTimeoutNs, resume, recordPath, slotsPerChannel, maxManifestBytes,
                direct);
    }

    /** The resume record's path for destination {@code destination}. */
    public Path recordFor(Path destination) {
        return recordPath != null ? recordPath
                : destination.toAbsolutePath().resolveSibling(destination.getFileName() + ".ferry-resume");
    }

    /** The token, or null for none: a copy, so that these options stay unchanged. */
    @Override
    public byte[] token() {
        return token == null ? null : token.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceiverOptions o && streamId == o.streamId && Arrays.equals(token, o.token)
                && idleTimeoutNs == o.idleTimeoutNs && resume == o.resume && Objects.equals(recordPath, o.recordPath)
                && slotsPerChannel == o.slotsPerChannel && maxManifestBytes == o.maxManifestBytes
                && direct == o.direct;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(streamId);
    }
}
