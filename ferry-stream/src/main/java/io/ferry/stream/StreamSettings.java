package io.ferry.stream;

import io.ferry.settings.Setting;

import java.util.List;

/** Settings of streams (README, settings table). */
public final class StreamSettings {
    /** Channels (connections) a sender opens. */
    public static final Setting<Integer> STREAM_CHANNELS = Setting.count("STREAM_CHANNELS", 4, 1, 256,
            "channels (connections) a stream sender opens");

    /** The largest payload of one packet; files start at multiples of it in the stream. */
    public static final Setting<Long> STREAM_BLOCK_SIZE = Setting.size("STREAM_BLOCK_SIZE", 1 << 20, 4096, 16 << 20,
            "largest payload of one stream packet (a power of two)");

    /** Bytes between sync points: what a resumed stream may send again, at most. */
    public static final Setting<Long> STREAM_SYNC_INTERVAL = Setting.size("STREAM_SYNC_INTERVAL", 256L << 20, 4096,
            1L << 40, "stream bytes between sync points (durable, acknowledged; where a resume starts)");

    /** How long a receiving channel may stay silent before the stream fails. */
    public static final Setting<Long> STREAM_IDLE_TIMEOUT = Setting.durationNs("STREAM_IDLE_TIMEOUT", 30_000_000_000L,
            1_000_000L, 86_400_000_000_000L, "how long a stream channel may stay silent before the stream fails");

    /** The codec of a sender: none, lz4, zstd or zstd:LEVEL. */
    public static final Setting<String> STREAM_CODEC = Setting.word("STREAM_CODEC", "none", List.of(),
            "stream compression: none, lz4, zstd or zstd:LEVEL");

    private StreamSettings() {
    }
}
