package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.remote.http.HeaderNames;
import io.ferry.remote.http.ResponseHead;

import java.util.OptionalLong;
import java.util.Set;

/**
 * What a read must know of an object before it starts: its size and its version. From HEAD, or,
 * where HEAD is refused (a presigned URL is signed for GET only), gives no length or says 0 (which
 * some servers say of what a GET sends), from a GET of the first byte: the total of its
 * {@code Content-Range}, or the {@code Content-Length} of a server that answers with the whole
 * object. A size that none of these gives is an error at open, never a guess: ranged reads need it.
 *
 * <p>Also whether the server serves byte ranges: a HEAD that advertises them ({@code Accept-Ranges:
 * bytes}), or a GET of the first byte answered with that byte. A server that does not advertise them
 * may still serve them; one that answered the first byte's GET with the whole object does not.
 *
 * @param bytes   the object's size, never negative
 * @param version the version that reads of it are tied to
 * @param ranges  whether the server showed it serves byte ranges
 */
record ObjectSize(long bytes, ObjectVersion version, boolean ranges) {
    /** Statuses of a HEAD that may still allow a GET. */
    private static final Set<Integer> HEAD_REFUSED = Set.of(400, 403, 405, 501);

    /**
     * The size a HEAD's answer gives, or null when it gives none, or says 0 where an empty object's GET
     * must confirm it: a web server may say 0 of what a GET sends. S3's HEAD states the object's size
     * ({@code statesSize}), 0 included, and a GET of an empty S3 object's first byte is refused (416)
     * without one.
     */
    static ObjectSize ofHead(ResponseHead answer, boolean statesSize) {
        OptionalLong length = ContentRange.contentLength(answer);
        return length.isPresent() && (length.getAsLong() > 0 || statesSize)
                ? new ObjectSize(length.getAsLong(), ObjectVersion.of(answer), advertisesRanges(answer)) : null;
    }

    /** Whether {@code Accept-Ranges} lists {@code bytes}. */
    private static boolean advertisesRanges(ResponseHead answer) {
        String accepted = answer.headers().get(HeaderNames.ACCEPT_RANGES);
        if (accepted == null) {
            return false;
        }
        for (String unit : accepted.split(",")) {
            if (unit.strip().equalsIgnoreCase("bytes")) {
                return true;
            }
        }
        return false;
    }

    /** Why a HEAD's answer that {@link #ofHead} found no size in does not give it, for the message of a later failure. */
    static String headWithoutSize(ResponseHead answer) {
        return ContentRange.contentLength(answer).isPresent() ? "HEAD gave Content-Length 0" : "HEAD gave no Content-Length";
    }

    /** True when a HEAD failed with a status after which a GET of the first byte may still give the size. */
    static boolean headRefused(FerryException failure) {
        return failure instanceof HttpStatusException refused && HEAD_REFUSED.contains(refused.status());
    }

    /**
     * The size the answer to a GET of the first byte gives.
     *
     * @throws FerryException when it gives none, saying what HEAD answered ({@code headAnswer}) and what the GET did
     */
    static ObjectSize ofFirstByte(ResponseHead answer, ObjectAccess access, String headAnswer) {
        OptionalLong size = switch (answer.status()) {
            case 200 -> ContentRange.contentLength(answer);
            case 416 -> ContentRange.unsatisfiedTotal(answer).stream().filter(total -> total == 0).findFirst();
            default -> {
                ContentRange range = ContentRange.parse(answer.headers().get(HeaderNames.CONTENT_RANGE));
                yield range == null || range.first() != 0 || range.last() != 0 ? OptionalLong.empty() : range.total();
            }
        };
        if (size.isEmpty()) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot learn the size of " + access.describe() + ": "
                    + headAnswer + ", and a GET of its first byte " + withoutSize(answer)
                    + "; ranged reads need the size, which this server does not give");
        }
        return new ObjectSize(size.getAsLong(), ObjectVersion.of(answer), answer.status() != 200);
    }

    private static String withoutSize(ResponseHead answer) {
        return switch (answer.status()) {
            case 200 -> "was answered with the whole object (HTTP 200) without a Content-Length";
            case 416 -> "was refused (HTTP 416) without the size 0 of an empty object";
            default -> "was answered (HTTP " + answer.status() + ") with Content-Range '"
                    + answer.headers().get(HeaderNames.CONTENT_RANGE) + "', which does not give it";
        };
    }
}
