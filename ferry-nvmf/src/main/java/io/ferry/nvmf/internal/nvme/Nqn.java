package io.ferry.nvmf.internal.nvme;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.Objects;

/** Checks of NVMe Qualified Names and ASCII identifiers given by the application, for the target and the host. */
public final class Nqn {
    /** The longest NQN, in bytes (it must fit 256 bytes with a NUL; the specification says 223). */
    public static final int MAX_LENGTH = 223;

    private Nqn() {
    }

    public static String check(String nqn) {
        Objects.requireNonNull(nqn, "nqn");
        if (!nqn.startsWith("nqn.") || nqn.length() > MAX_LENGTH || !isAscii(nqn)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT,
                    "an NQN starts with 'nqn.' and has at most " + MAX_LENGTH + " ASCII characters: '" + nqn + "'");
        }
        return nqn;
    }

    public static String ascii(String text, int maxLength, String what) {
        Objects.requireNonNull(text, what);
        if (text.isEmpty() || text.length() > maxLength || !isAscii(text)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT,
                    what + " must have 1 to " + maxLength + " printable ASCII characters: '" + text + "'");
        }
        return text;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
