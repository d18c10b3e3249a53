package io.ferry.stream;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.settings.Settings;
import io.ferry.stream.prepare.Codec;
import io.ferry.stream.wire.Handshake;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * How a stream is sent: its id, channels, codec, block size, sync interval and the token the receiver
 * expects. Validated when made.
 *
 * @param streamId          the stream's id (random by default)
 * @param channels          channels to open, 1 to {@link Handshake#MAX_CHANNELS}
 * @param codec             the compression of data packets
 * @param blockSize         the largest payload, a power of two in [4 KiB, 16 MiB]
 * @param syncIntervalBytes stream bytes between sync points
 * @param token             {@link Handshake#TOKEN_LENGTH} bytes the receiver may require (zeros: none)
 */
public record StreamOptions(long streamId, int channels, Codec codec, int blockSize, long syncIntervalBytes,
                            byte[] token) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Checks every component against its limits (see above) and copies the token. */
    public StreamOptions {
        if (channels < 1 || channels > Handshake.MAX_CHANNELS) {
            throw StreamSettings.STREAM_CHANNELS.invalid(channels, "must be between 1 and " + Handshake.MAX_CHANNELS);
        }
        if (blockSize < Handshake.MIN_BLOCK_SIZE || blockSize > Handshake.MAX_BLOCK_SIZE || Integer.bitCount(blockSize) != 1) {
            throw StreamSettings.STREAM_BLOCK_SIZE.invalid(blockSize, "must be a power of two from 4k to 16m");
        }
        if (syncIntervalBytes < blockSize) {
            throw StreamSettings.STREAM_SYNC_INTERVAL.invalid(syncIntervalBytes, "must be at least the block size");
        }
        if (token == null || token.length != Handshake.TOKEN_LENGTH) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "a stream token has " + Handshake.TOKEN_LENGTH + " bytes");
        }
        token = token.clone();
    }

    /** Options from settings, with a random stream id and no token. */
    public static StreamOptions from(Settings settings) {
        return new StreamOptions(RANDOM.nextLong(), settings.get(StreamSettings.STREAM_CHANNELS),
                Codec.parse(settings.get(StreamSettings.STREAM_CODEC)),
                settings.get(StreamSettings.STREAM_BLOCK_SIZE).intValue(),
                settings.get(StreamSettings.STREAM_SYNC_INTERVAL), new byte[Handshake.TOKEN_LENGTH]);
    }

    /** These options, with {@code channels} channels. */
    public StreamOptions withChannels(int channels) {
        return new StreamOptions(streamId, channels, codec, blockSize, syncIntervalBytes, token);
    }

    /** These options, compressing data packets with {@code codec}. */
    public StreamOptions withCodec(Codec codec) {
        return new StreamOptions(streamId, channels, codec, blockSize, syncIntervalBytes, token);
    }

    /** These options, with payloads of at most {@code blockSize} bytes and a sync point every {@code syncIntervalBytes}. */
    public StreamOptions withBlockSize(int blockSize, long syncIntervalBytes) {
        return new StreamOptions(streamId, channels, codec, blockSize, syncIntervalBytes, token);
    }

    /** These options, presenting {@code token} (copied) to the receiver. */
    public StreamOptions withToken(byte[] token) {
        return new StreamOptions(streamId, channels, codec, blockSize, syncIntervalBytes, token);
    }

    /** These options, with the stream id {@code streamId}. */
    public StreamOptions withStreamId(long streamId) {
        return new StreamOptions(streamId, channels, codec, blockSize, syncIntervalBytes, token);
    }

    /** The token: a copy, so that these options stay unchanged. */
    @Override
    public byte[] token() {
        return token.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreamOptions o && streamId == o.streamId && channels == o.channels
                && codec.equals(o.codec) && blockSize == o.blockSize && syncIntervalBytes == o.syncIntervalBytes
                && Arrays.equals(token, o.token);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(streamId);
    }
}
