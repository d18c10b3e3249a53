package io.ferry.file;

import io.ferry.settings.Setting;

import java.util.List;

/** Settings of the file backend. */
public final class FileSettings {
    /** The engine that performs file I/O. */
    public static final Setting<String> FILE_ENGINE = Setting.word("FILE_ENGINE", "psync", List.of(),
            "engine for file I/O (see 'ferry engines')");

    /** Operations each shard keeps outstanding in its engine. */
    public static final Setting<Integer> QUEUE_DEPTH = Setting.count("QUEUE_DEPTH", 32, 1, 65536,
            "I/O operations each shard keeps outstanding in its engine");

    /** The largest single I/O; longer descriptors are split. */
    public static final Setting<Long> MAX_IO_SIZE = Setting.size("MAX_IO_SIZE", 1 << 20, 512, 1L << 30,
            "largest single I/O; longer descriptors are split (must not exceed BOUNCE_BUFFER_SIZE)");

    /** Independent parts of the backend, each with its own queue, one per poll group. */
    public static final Setting<Integer> FILE_SHARDS = Setting.count("FILE_SHARDS", 1, 1, 1024,
            "shards of the file backend (each with its own engine queue), one per poll group");

    /** How often an I/O that returned EAGAIN is retried before its descriptor fails. */
    public static final Setting<Integer> IO_RETRY_LIMIT = Setting.count("IO_RETRY_LIMIT", 16, 0, 1 << 20,
            "retries of an I/O that returned EAGAIN before its descriptor fails (EINTR is always retried)");

    /** The most completions the libaio engine takes from the kernel in one io_getevents call, that is per reap. */
    public static final Setting<Integer> AIO_EVENTS_BATCH = Setting.count("AIO_EVENTS_BATCH", 64, 1, 65536,
            "completions the libaio engine reaps per io_getevents call (capped at QUEUE_DEPTH)");

    /**
     * Whether each io_uring queue gets a kernel thread that polls its submission ring (IORING_SETUP_SQPOLL):
     * {@code on} or {@code off}. Submitting then needs no system call while the thread is awake; it sleeps
     * after one second without work and is woken by the next submit.
     */
    public static final Setting<String> IO_URING_SQPOLL = Setting.word("IO_URING_SQPOLL", "off", List.of("off", "on"),
            "io_uring engine: on = a kernel thread polls each submission ring (no system call per submit)");

    private FileSettings() {
    }
}
