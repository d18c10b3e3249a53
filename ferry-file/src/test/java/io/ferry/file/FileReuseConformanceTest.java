package io.ferry.file;

import io.ferry.Descriptor;
import io.ferry.TransferOp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files opened and closed one after another reuse descriptor numbers; engines that register files
 * (io_uring) must never send I/O for a new file to an old one.
 */
class FileReuseConformanceTest extends EngineConformance {
    private static final int FILES = 40;

    @BeforeEach
    void setUp() {
        fixture = new FileFixture(engine);
    }

    @Test
    void shouldWriteEachFileUnderAReusedDescriptorNumberToItself() throws IOException {
        Path otherPath = dir.resolve("other.bin");
        byte[] otherBytes = FileFixture.randomBytes(4096, 99);
        Files.write(otherPath, otherBytes);
        FileTarget other = fixture.files.open(otherPath);
        MemorySegment scratch = MemoryKind.NATIVE.allocate(fixture.arena, 4096);
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < FILES; i++) {
            FileTarget file = fixture.openReadWrite(dir.resolve("file-" + i));
            numbers.add(file.fd());
            MemorySegment memory = MemoryKind.NATIVE.allocate(fixture.arena, 1000);
            FileFixture.fill(memory, FileFixture.randomBytes(1000, i));
            fixture.run(TransferOp.WRITE, Descriptor.of(memory, file, 0)).throwIfFailed();
            file.close();
            // A transfer on another file polls the backend, which lets go of the closed one.
            fixture.run(TransferOp.READ, Descriptor.of(scratch, other, 0)).throwIfFailed();
        }

        assertThat(numbers).as("descriptor numbers were reused").hasSizeLessThan(FILES);
        for (int i = 0; i < FILES; i++) {
            assertThat(Files.readAllBytes(dir.resolve("file-" + i))).as("file %d", i)
                    .isEqualTo(FileFixture.randomBytes(1000, i));
        }
        assertThat(FileFixture.toBytes(scratch)).isEqualTo(otherBytes);
        assertThat(Files.readAllBytes(otherPath)).isEqualTo(otherBytes);
    }
}
