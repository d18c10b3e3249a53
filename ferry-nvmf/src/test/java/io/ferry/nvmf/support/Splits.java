package io.ferry.nvmf.support;

import java.util.Random;

/** How an in-memory link cuts the byte stream into the pieces a connection hands its handler. */
public enum Splits {
    /** Everything that is there at once. */
    WHOLE,
    /** One byte at a time: every boundary inside every field. */
    ONE_BYTE,
    /** Random sizes from a fixed seed. */
    RANDOM;

    private final Random random = new Random(11);

    /** The size of the next piece, 1 to {@code available}. */
    int next(int available) {
        return switch (this) {
            case WHOLE -> available;
            case ONE_BYTE -> 1;
            case RANDOM -> 1 + random.nextInt(available);
        };
    }
}
