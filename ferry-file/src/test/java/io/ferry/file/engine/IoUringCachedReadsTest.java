package io.ferry.file.engine;

import io.ferry.internal.linux.CFunction;
import io.ferry.internal.linux.LibC;
import io.ferry.spi.IoQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reads of buffered files that the io_uring queue serves from the page cache at submit: taken for a
 * lone read of cached data, never for O_DIRECT files, not for a large batch (the ring serves it in
 * one call), and data not in the cache still goes through the ring. Bytes are checked every time.
 */
@Timeout(60)
class IoUringCachedReadsTest {
    private static final int SIZE = 1 << 20;
    private static final int POSIX_FADV_DONTNEED = 4;
    private static final int PROT_READ = 1;
    private static final int MAP_SHARED = 1;
    private static final int PAGE = 4096;
    private static final CFunction FADVISE = CFunction.returningInt("posix_fadvise");
    private static final CFunction MMAP = CFunction.returningLong("mmap");
    private static final CFunction MINCORE = CFunction.returningInt("mincore");

    @TempDir
    Path dir;

    private final byte[] content = new byte[SIZE];
    private ScratchFile scratch;
    private CachedReadsQueue queue;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(new IoUringEngine().support().supported(), () -> new IoUringEngine().support().reason());
        new Random(9).nextBytes(content);
        Files.write(dir.resolve("data.bin"), content);
        scratch = new ScratchFile(dir.resolve("data.bin"));
        queue = new CachedReadsQueue(new IoUringQueue(32, false));
    }

    @AfterEach
    void tearDown() {
        if (queue != null) {
            queue.close();
        }
        if (scratch != null) {
            scratch.close();
        }
    }

    private void readAndCheck(int fd, long offset, int length, int count) {
        MemorySegment memory = scratch.arena.allocate((long) length * count, 4096);
        QueueDriver.Op[] ops = new QueueDriver.Op[count];
        for (int i = 0; i < count; i++) {
            ops[i] = new QueueDriver.Op(IoQueue.READ, fd, offset + (long) i * length, memory.address() + (long) i * length, length);
        }
        Map<Long, Long> results = QueueDriver.run(queue, ops);
        for (int i = 0; i < count; i++) {
            assertThat(results.get((long) i)).isEqualTo(length);
        }
        byte[] expected = new byte[length * count];
        System.arraycopy(content, (int) offset, expected, 0, expected.length);
        assertThat(memory.toArray(ValueLayout.JAVA_BYTE)).isEqualTo(expected);
    }

    /**
     * Writes the file back and drops its pages, until mincore(2) finds none cached: the kernel skips
     * pages it holds for a moment (a batch of new pages not yet on its lists, a large folio in use),
     * and once left an inline read to find them. False when they stay.
     */
    private boolean dropFromTheCache() {
        for (int attempt = 0; attempt < 10; attempt++) {
            assertThat(LibC.fsync(scratch.errno, scratch.fd)).isZero();
            assertThat(FADVISE.call(scratch.errno, scratch.fd, 0, 0, POSIX_FADV_DONTNEED, 0, 0)).isZero();
            if (cachedPages() == 0) {
                return true;
            }
        }
        return false;
    }

    private int cachedPages() {
        long address = MMAP.call(scratch.errno, 0, SIZE, PROT_READ, MAP_SHARED, scratch.fd, 0);
        assertThat(address).as("mmap").isPositive();
        MemorySegment resident = scratch.arena.allocate(SIZE / PAGE);
        try {
            assertThat(MINCORE.call(scratch.errno, address, SIZE, resident.address(), 0, 0, 0)).as("mincore").isZero();
        } finally {
            IoUringSyscalls.munmap(scratch.errno, address, SIZE);
        }
        int cached = 0;
        for (byte page : resident.toArray(ValueLayout.JAVA_BYTE)) {
            cached += page & 1;
        }
        return cached;
    }

    @Test
    void shouldServeALoneReadOfCachedDataWithoutTheRing() {
        queue.fileOpened(scratch.fd);
        for (int i = 0; i < 10; i++) {
            readAndCheck(scratch.fd, 4096L * i, 4096, 1);
        }
        assertThat(queue.inlineReads()).isEqualTo(10);
    }

    @Test
    void shouldSendALargeBatchToTheRingWhole() {
        queue.fileOpened(scratch.fd);
        readAndCheck(scratch.fd, 0, 4096, 32);
        assertThat(queue.inlineReads()).isLessThan(32);
    }

    @Test
    void shouldNeverReadAnUnannouncedOrDirectFileThatWay() {
        readAndCheck(scratch.fd, 0, 4096, 1);
        int direct = scratch.open(dir.resolve("data.bin"), LibC.O_RDONLY | LibC.O_DIRECT | LibC.O_CLOEXEC);
        try {
            queue.fileOpened(direct);
            readAndCheck(direct, 8192, 4096, 1);
            queue.fileClosing(direct);
        } finally {
            LibC.close(scratch.errno, direct);
        }
        assertThat(queue.inlineReads()).isZero();
    }

    @Test
    void shouldReadDataNotInTheCacheThroughTheRing() throws Throwable {
        queue.fileOpened(scratch.fd);
        assumeTrue(dropFromTheCache(), "the kernel kept pages of the file cached after POSIX_FADV_DONTNEED (in use)");

        readAndCheck(scratch.fd, 512 * 1024, 64 * 1024, 1);

        assertThat(queue.inlineReads()).as("the page cache had nothing: EAGAIN, then the ring").isZero();
    }
}
