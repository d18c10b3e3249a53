package io.ferry.spi;

import java.util.Objects;

/**
 * How an engine's I/Os used memory and files registered with the kernel (io_uring's fixed buffers
 * and registered files) and how many fell back to the plain path, and why. Counts are of I/Os
 * (operations issued), since the queue was created.
 *
 * @param fixedBufferIos        I/Os issued on a registered buffer (READ_FIXED, WRITE_FIXED)
 * @param unregisteredMemoryIos I/Os on memory that was not registered with the agent, or went
 *                              through a bounce buffer (heap memory, unaligned O_DIRECT ends)
 * @param refusedBufferIos      I/Os on registered memory that the ring's buffer table does not
 *                              hold: the kernel or the table refused it (see {@code bufferRefusal})
 * @param cachedInlineIos       reads served from the page cache at submit without the ring
 *                              (preadv2 with RWF_NOWAIT), where no registration applies
 * @param fixedFileIos          I/Os on a file in the ring's registered-file table
 * @param plainFileIos          I/Os on a file by its descriptor (table full, descriptor too large)
 * @param bufferRefusal         why the kernel or the table last refused a buffer, or empty
 */
public record RegisteredIo(long fixedBufferIos, long unregisteredMemoryIos, long refusedBufferIos,
                           long cachedInlineIos, long fixedFileIos, long plainFileIos, String bufferRefusal) {
    /** Nothing counted. */
    public static final RegisteredIo NONE = new RegisteredIo(0, 0, 0, 0, 0, 0, "");

    /** Checks {@code bufferRefusal} is not null. */
    public RegisteredIo {
        Objects.requireNonNull(bufferRefusal, "bufferRefusal");
    }

    /** I/Os on the plain buffer path, for any reason. */
    public long plainBufferIos() {
        return unregisteredMemoryIos + refusedBufferIos;
    }

    /** Both counted together (the shards of one backend); the refusal of either. */
    public RegisteredIo plus(RegisteredIo other) {
        return new RegisteredIo(fixedBufferIos + other.fixedBufferIos, unregisteredMemoryIos + other.unregisteredMemoryIos,
                refusedBufferIos + other.refusedBufferIos, cachedInlineIos + other.cachedInlineIos,
                fixedFileIos + other.fixedFileIos, plainFileIos + other.plainFileIos,
                bufferRefusal.isEmpty() ? other.bufferRefusal : bufferRefusal);
    }

    /** What was counted since {@code earlier}, a snapshot of the same counters; this refusal. */
    public RegisteredIo since(RegisteredIo earlier) {
        return new RegisteredIo(fixedBufferIos - earlier.fixedBufferIos, unregisteredMemoryIos - earlier.unregisteredMemoryIos,
                refusedBufferIos - earlier.refusedBufferIos, cachedInlineIos - earlier.cachedInlineIos,
                fixedFileIos - earlier.fixedFileIos, plainFileIos - earlier.plainFileIos, bufferRefusal);
    }
}
