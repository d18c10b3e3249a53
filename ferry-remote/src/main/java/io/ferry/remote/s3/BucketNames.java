package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

/**
 * The S3 rules for general-purpose bucket names: 3 to 63 characters; lower-case letters, digits,
 * dots and hyphens; a letter or digit first and last; no two dots in a row; not an IPv4 address.
 */
final class BucketNames {
    private BucketNames() {
    }

    /** Throws {@link ErrorCode#INVALID_ARGUMENT} naming the broken rule unless {@code name} is a valid bucket name. */
    static void check(String name) {
        String rule = brokenRule(name);
        if (rule != null) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "invalid S3 bucket name '" + name + "': " + rule);
        }
    }

    private static String brokenRule(String name) {
        if (name.length() < 3 || name.length() > 63) {
            return "must be 3 to 63 characters long";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isLetterOrDigit(c) && c != '.' && c != '-') {
                return "may contain only lower-case letters, digits, dots and hyphens";
            }
        }
        if (!isLetterOrDigit(name.charAt(0)) || !isLetterOrDigit(name.charAt(name.length() - 1))) {
            return "must begin and end with a lower-case letter or a digit";
        }
        if (name.contains("..")) {
            return "must not contain two dots in a row";
        }
        if (S3Endpoint.isIpv4Literal(name)) {
            return "must not be formatted as an IP address";
        }
        return null;
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
