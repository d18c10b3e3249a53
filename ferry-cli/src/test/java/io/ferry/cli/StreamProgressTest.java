package io.ferry.cli;

import io.ferry.stream.ResumeRecord;
import io.ferry.stream.source.Source;
import io.ferry.stream.source.Sources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The progress bars of {@code ferry receive} and {@code ferry send}, drawn on a real terminal: a finished
 * stream ends its bar at 100% of the bytes of its files, also when it resumed (what the resume found counts),
 * when its source is sparse (holes are not written, yet done) and when it is a tree (stream offsets also
 * count the room between files, which is no file's byte).
 */
@Timeout(120)
class StreamProgressTest {
    private static final int BLOCK = 1 << 20;
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+)\\R");

    @TempDir
    Path dir;

    @BeforeEach
    void needsATerminal() throws InterruptedException {
        assumeTrue(CliProcess.canStartInTerminal(), "script (util-linux) is not installed");
    }

    @Test
    void shouldEndTheReceiveBarOfAResumedSparseStreamAtTheWholeSize() throws Exception {
        // Data in the first two blocks, a hole in the last two; the first block arrived before the interruption.
        byte[] data = RandomFiles.bytes(2 * BLOCK);
        Path source = dir.resolve("source.bin");
        try (RandomAccessFile file = new RandomAccessFile(source.toFile(), "rw")) {
            file.setLength(4L * BLOCK);
            file.write(data);
        }
        Path dest = dir.resolve("dest.bin");
        try (RandomAccessFile part = new RandomAccessFile(dir.resolve(".dest.bin.ferry-part").toFile(), "rw")) {
            part.setLength(4L * BLOCK);
            part.write(data, 0, BLOCK);
        }
        try (Source input = Sources.file(source, BLOCK)) {
            ResumeRecord.start(input.manifest(), BLOCK).at(1, BLOCK).save(dir.resolve("dest.bin.ferry-resume"));
        }
        Path output = dir.resolve("receive.terminal");
        Process receiver = CliProcess.startInTerminal(output, "receive", "--listen", "127.0.0.1:0", "--token", "t",
                "--resume", dest.toString());
        try {
            CliRun send = CliRun.of("send", source.toString(), listening(receiver, output), "--token", "t", "--no-progress");
            assertThat(send.exitCode()).as(send.err()).isZero();
            assertThat(receiver.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(receiver.exitValue()).as(Files.readString(output)).isZero();
        } finally {
            receiver.destroyForcibly();
        }
        assertThat(Files.mismatch(source, dest)).isEqualTo(-1);
        String shown = Files.readString(output);
        assertThat(lastBar(shown, "receive")).contains(" 100% ").contains("4.00 MiB / 4.00 MiB");
        assertThat(shown).as("only what this run received is counted")
                .contains("received " + 3 * BLOCK + " bytes").contains("resumed at byte " + BLOCK);
    }

    @Test
    void shouldEndTheSendBarOfATreeAtTheBytesOfItsFiles() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        RandomFiles.write(tree, "a.bin", 1000);
        RandomFiles.write(tree, "b.bin", 3000);
        Path dest = dir.resolve("dest");
        ReceiveRun receiver = new ReceiveRun("receive", "--listen", "127.0.0.1:0", "--token", "t", "--no-progress",
                dest.toString());
        Path output = dir.resolve("send.terminal");
        Process sender = CliProcess.startInTerminal(output, "send", tree.toString(), receiver.address(), "--token", "t");
        try {
            assertThat(sender.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(sender.exitValue()).as(Files.readString(output)).isZero();
        } finally {
            sender.destroyForcibly();
        }
        assertThat(receiver.awaitExit()).as(receiver.err.toString()).isZero();
        assertThat(Files.mismatch(tree.resolve("a.bin"), dest.resolve("a.bin"))).isEqualTo(-1);
        assertThat(Files.mismatch(tree.resolve("b.bin"), dest.resolve("b.bin"))).isEqualTo(-1);
        String total = Units.binary(4000);
        assertThat(lastBar(Files.readString(output), "send")).contains(" 100% ").contains(total + " / " + total);
    }

    /** The last frame of {@code task}'s bar: each frame starts with a carriage return and the task's name. */
    private static String lastBar(String terminal, String task) {
        List<String> frames = Arrays.stream(terminal.split("[\r\n]+")).filter(line -> line.matches(task + " +\\d+%.*"))
                .toList();
        assertThat(frames).as("%s drew a bar: %s", task, terminal).isNotEmpty();
        return frames.getLast();
    }

    /** The address a {@code ferry receive} on a terminal prints once it listens. */
    private static String listening(Process receiver, Path output) throws IOException {
        Matcher found;
        while (!(found = LISTENING.matcher(Files.readString(output))).find()) {
            assertThat(receiver.isAlive()).as("receive ended early: %s", Files.readString(output)).isTrue();
            LockSupport.parkNanos(10_000_000); // until it listens, bounded by the test's timeout
        }
        return found.group(1) + ":" + found.group(2);
    }
}
