package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.FerryException;
import io.ferry.Target;
import io.ferry.file.FileBackend;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import io.ferry.poll.IdleStrategy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes a source into a destination, for {@code copy} and {@code get}: readies the destination,
 * copies with a {@link BlockCopy}, compares when asked, and puts the result in place. A failure
 * names the destination the user gave, never the temporary file.
 */
final class Delivery {
    private final Agent agent;
    private final FileBackend files;
    private final IdleStrategy idle;
    private final boolean fsync;
    private final boolean progress;
    private final PrintWriter err;

    /**
     * @param idle     how the calling thread waits when a poll found nothing to do
     * @param progress whether to draw a progress bar (only on a terminal)
     */
    Delivery(Agent agent, FileBackend files, IdleStrategy idle, boolean fsync, boolean progress, PrintWriter err) {
        this.agent = agent;
        this.files = files;
        this.idle = idle;
        this.fsync = fsync;
        this.progress = progress;
        this.err = err;
    }

    /**
     * Copies {@code size} bytes of {@code source} into {@code destination}.
     *
     * @param newFileMode the permissions of a new file, under the umask; null for 0666 under the umask
     * @param direct      whether a file or block device is written with O_DIRECT
     * @param expected    the file to compare what was written with before it is put in place, or null
     */
    void deliver(String task, Target source, long size, BlockCopy copier, DestinationPath destination,
                 Set<PosixFilePermission> newFileMode, boolean direct, FileTarget expected) throws IOException {
        try (Destination output = Destination.open(destination, newFileMode, fsync, err)) {
            try {
                BlockOutput written = output.output(files, direct);
                try (Progress bar = Progress.bytes(task, size, progress)) {
                    copier.copy(agent, idle, source, written, bar::stepTo);
                }
                if (expected != null) {
                    FileCompare.assertSame(agent, expected, files.open(output.readBack()), size, copier.bufferBytes(),
                            destination.isFile());
                }
                output.commit((from, to) -> copier.copy(agent, idle, files.open(from),
                        new BlockOutput.AtOffsets(files.open(to, OpenFlag.WRITE, OpenFlag.TRUNCATE)), done -> { }));
            } catch (FerryException e) {
                throw output.inUserTerms(e);
            } catch (IOException e) {
                throw output.inUserTerms(e);
            }
        }
    }
}
