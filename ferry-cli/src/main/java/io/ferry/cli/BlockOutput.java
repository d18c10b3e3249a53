package io.ferry.cli;

import io.ferry.Target;

import java.nio.channels.WritableByteChannel;

/**
 * Where {@link BlockCopy} writes: a target written at offsets, by write transfers in any order (a
 * file, a block device, or a character device that takes that, such as /dev/null), or a stream that
 * takes the blocks in order (standard output, a pipe, a FIFO, a terminal or another character
 * device that cannot be written at an offset).
 */
sealed interface BlockOutput {
    /** A file or device, written by transfers at the blocks' offsets. */
    record AtOffsets(Target target) implements BlockOutput {
    }

    /** A stream, written on the copying thread, block after block; {@code name} names it in messages. */
    record InOrder(WritableByteChannel channel, String name) implements BlockOutput {
    }
}
