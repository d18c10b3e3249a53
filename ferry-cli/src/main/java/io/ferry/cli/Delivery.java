package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Target;
import io.ferry.file.DirectMode;
import io.ferry.file.FileBackend;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import io.ferry.poll.IdleStrategy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Writes a source into a destination, for {@code copy} and {@code get}: readies the destination,
 * copies through memory ({@link BlockCopy}) or by the kernel ({@link KernelCopy}), compares when
 * asked, and puts the result in place. A failure names the destination the user gave, never the
 * temporary file. SIGINT or SIGTERM stop the copy at its next step: the temporary file is removed, and
 * one line says what became of the destination before the process exits ({@link StopOnSignal}).
 */
final class Delivery implements StopOnSignal.Stoppable {
    private final String what;
    private final boolean fsync;
    private final boolean progress;
    private final PrintWriter err;
    private volatile boolean stopping;
    private volatile BlockCopy copier;
    private volatile DestinationPath destination;
    private volatile boolean delivered;

    /**
     * @param what     what is delivered, for the line a signal prints: {@code the download of URL}
     * @param progress whether to draw a progress bar (only on a terminal)
     */
    Delivery(String what, boolean fsync, boolean progress, PrintWriter err) {
        this.what = what;
        this.fsync = fsync;
        this.progress = progress;
        this.err = err;
    }

    /**
     * How a copy through memory runs: {@code copier}'s buffers on {@code agent}'s file backend,
     * the calling thread waiting by {@code idle} when a poll found nothing to do.
     *
     * @param bytesIn the bytes that reached memory so far, for progress as they arrive; null to
     *                show the blocks written
     */
    record ThroughMemory(Agent agent, FileBackend files, IdleStrategy idle, BlockCopy copier, LongSupplier bytesIn) {
    }

    /**
     * Copies {@code size} bytes of {@code source} into {@code destination}.
     *
     * @param newFileMode the permissions of a new file, under the umask; null for 0666 under the umask
     * @param direct      whether a file or block device is written with O_DIRECT
     * @param expected    the file to compare what was written with before it is put in place, or null
     */
    void deliver(String task, ThroughMemory via, Target source, long size, DestinationPath destination,
                 Set<PosixFilePermission> newFileMode, DirectMode direct, FileTarget expected) throws IOException {
        FileBackend files = via.files();
        copier = via.copier();
        into(destination, newFileMode, output -> {
            BlockOutput written = output.output(files, direct, size);
            try (Progress bar = via.bytesIn() == null ? Progress.bytes(task, size, progress)
                    : Progress.following(task, size, via.bytesIn(), progress)) {
                via.copier().copy(via.agent(), via.idle(), source, written, bar::stepTo);
            }
            if (expected != null) {
                try (Progress bar = Progress.bytes("verify", size, progress)) {
                    FileCompare.assertSame(via.agent(), expected, files.open(output.readBack()), size,
                            via.copier().bufferBytes(), destination.isFile(), bar::stepTo);
                }
            }
        }, (from, to) -> via.copier().copy(via.agent(), via.idle(), files.open(from),
                new BlockOutput.AtOffsets(files.open(to, OpenFlag.WRITE, OpenFlag.TRUNCATE)), done -> { }));
    }

    /**
     * Copies the first {@code size} bytes of the file {@code source} into the file
     * {@code destination} by the kernel's copy ({@link KernelCopy}): no byte passes through memory.
     */
    void deliverByKernel(String task, Path source, long size, DestinationPath destination,
                         Set<PosixFilePermission> newFileMode) throws IOException {
        into(destination, newFileMode, output -> {
            try (Progress bar = Progress.bytes(task, size, progress)) {
                KernelCopy.copy(source, output.readBack(), size, done -> {
                    checkStopping();
                    bar.stepTo(done);
                });
            }
        }, (from, to) -> KernelCopy.copy(from, to, size, done -> { }));
    }

    private void into(DestinationPath destination, Set<PosixFilePermission> newFileMode, Fill fill,
                      Destination.InPlaceCopy inPlace) throws IOException {
        this.destination = destination;
        StopOnSignal.run(this, err, () -> { // the temporary file is gone once this ends
            fillAndCommit(destination, newFileMode, fill, inPlace);
            delivered = true;
        });
    }

    private void fillAndCommit(DestinationPath destination, Set<PosixFilePermission> newFileMode, Fill fill,
                               Destination.InPlaceCopy inPlace) throws IOException {
        try (Destination output = Destination.open(destination, newFileMode, fsync, err)) {
            try {
                fill.fill(output);
                checkStopping();
                output.commit(inPlace);
            } catch (FerryException e) {
                throw output.inUserTerms(e);
            } catch (IOException e) {
                throw output.inUserTerms(e);
            }
        }
    }

    private void checkStopping() {
        if (stopping) {
            throw new FerryException(ErrorCode.CANCELLED, what + " was cancelled");
        }
    }

    /** A signal came: the copy fails as cancelled at its next step (the hook's thread). */
    @Override
    public void cancel() {
        stopping = true;
        BlockCopy running = copier;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public String outcome() {
        if (delivered) {
            return what + " had completed";
        }
        DestinationPath to = destination;
        return what + " was cancelled; " + (to == null || to.isFile() ? "nothing of it was written"
                : (to.kind() == DestinationPath.Kind.STANDARD_OUTPUT ? "standard output" : to.given()) + " holds part of it");
    }

    @Override
    public String unfinished(Duration grace) {
        return what + " did not stop within " + grace.toSeconds() + " s";
    }

    /** Writes what the destination receives, before it is put in place. */
    @FunctionalInterface
    private interface Fill {
        void fill(Destination output) throws IOException;
    }
}
