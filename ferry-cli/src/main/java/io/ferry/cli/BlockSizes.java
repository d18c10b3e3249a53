package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.settings.Sizes;

import java.util.ArrayList;
import java.util.List;

/** Parses {@code --bs}: a list {@code 4k,64k,1m} or a range {@code 4k-1m} stepped by a multiplier. */
final class BlockSizes {
    private BlockSizes() {
    }

    static List<Long> parse(String text, int multiplier) {
        List<Long> sizes = new ArrayList<>();
        int dash = text.indexOf('-');
        if (dash < 0) {
            for (String part : text.split(",")) {
                sizes.add(Sizes.parse(part));
            }
            return sizes;
        }
        if (multiplier < 2) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "--bs-multiplier must be at least 2, got " + multiplier);
        }
        long start = Sizes.parse(text.substring(0, dash));
        long end = Sizes.parse(text.substring(dash + 1));
        if (start <= 0 || end < start) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "--bs range '" + text + "' must go from a positive size up");
        }
        for (long size = start; size <= end; size = Math.multiplyExact(size, (long) multiplier)) {
            sizes.add(size);
            if (size > end / multiplier) {
                break;
            }
        }
        return sizes;
    }
}
