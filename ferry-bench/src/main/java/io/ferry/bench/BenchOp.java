package io.ferry.bench;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;

import java.util.Arrays;
import java.util.Locale;

/** What a row does, named as fio's {@code --rw}: a direction and an access pattern. */
public enum BenchOp {
    READ(TransferOp.READ, false),
    WRITE(TransferOp.WRITE, false),
    RANDREAD(TransferOp.READ, true),
    RANDWRITE(TransferOp.WRITE, true);

    private final TransferOp direction;
    private final boolean random;

    BenchOp(TransferOp direction, boolean random) {
        this.direction = direction;
        this.random = random;
    }

    /** The direction of every transfer of the row. */
    public TransferOp direction() {
        return direction;
    }

    /** Whether positions are visited in a random order instead of from the start of the file. */
    public boolean isRandom() {
        return random;
    }

    /** The fio name: {@code read}, {@code write}, {@code randread}, {@code randwrite}. */
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
