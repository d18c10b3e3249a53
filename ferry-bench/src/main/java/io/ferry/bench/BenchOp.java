package io.ferry.bench;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a row does, named as fio's {@code --rw}: reads, writes or a mix of both (in the share
 * {@link BenchConfig#rwMixRead()} gives), in order or at random positions.
 */
public enum BenchOp {
    READ(true, false, false),
    WRITE(false, true, false),
    RANDREAD(true, false, true),
    RANDWRITE(false, true, true),
    /** Sequential reads and writes mixed, fio's {@code rw}. */
    RW(true, true, false),
    /** Random reads and writes mixed, fio's {@code randrw}. */
    RANDRW(true, true, true);

    private final boolean reads;
    private final boolean writes;
    private final boolean random;

    BenchOp(boolean reads, boolean writes, boolean random) {
        this.reads = reads;
        this.writes = writes;
        this.random = random;
    }

    /** Whether the row reads (alone or mixed with writes). */
    public boolean reads() {
        return reads;
    }

    /** Whether the row writes (alone or mixed with reads). */
    public boolean writes() {
        return writes;
    }

    /** Whether the row mixes reads and writes. */
    public boolean isMixed() {
        return reads && writes;
    }

    /**
     * The direction of every transfer of a row that does not mix.
     *
     * @throws IllegalStateException for {@link #RW} and {@link #RANDRW}, whose transfers go both ways
     */
    public TransferOp direction() {
        if (isMixed()) {
            throw new IllegalStateException(fioName() + " reads and writes");
        }
        return reads ? TransferOp.READ : TransferOp.WRITE;
    }

    /** Whether positions are visited in a random order instead of from the start of the file. */
    public boolean isRandom() {
        return random;
    }

    /** The fio name: {@code read}, {@code write}, {@code randread}, {@code randwrite}, {@code rw}, {@code randrw}. */
    public String fioName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The operation with this fio name. */
    public static BenchOp ofFioName(String name) {
        for (BenchOp op : values()) {
            if (op.fioName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return op;
            }
        }
        throw new FerryException(ErrorCode.INVALID_ARGUMENT, "unknown operation '" + name + "' (use "
                + String.join(", ", Arrays.stream(values()).map(BenchOp::fioName).toList()) + ")");
    }
}
