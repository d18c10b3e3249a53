package io.ferry.testkit;

import io.ferry.testkit.RangeRequest.Partial;
import io.ferry.testkit.RangeRequest.Unsatisfiable;
import io.ferry.testkit.RangeRequest.Whole;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The named objects of a {@link FaultyHttpServer} and its normal answers: GET (ranges and
 * preconditions included), HEAD and PUT. Every object stored is a new version with an ETag and a
 * Last-Modified of its own: the n-th version stored in the server was modified n seconds after
 * 2024-01-01T00:00:00Z, so two versions never share a date, whatever the clock.
 */
final class ObjectStore implements Answers {
    private static final Instant FIRST_MODIFIED = Instant.parse("2024-01-01T00:00:00Z");

    private record Stored(byte[] content, String etag, String lastModified) {
    }

    private final Map<String, Stored> objects = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();
    private volatile boolean sendEtags = true;
    private volatile boolean checkPreconditions = true;

    void put(String path, byte[] content) {
        long version = versions.incrementAndGet();
        String etag = "\"" + version + "-" + Integer.toHexString(Arrays.hashCode(content)) + "\"";
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                FIRST_MODIFIED.plusSeconds(version).atZone(ZoneOffset.UTC));
        objects.put(path, new Stored(content, etag, lastModified));
    }

    byte[] get(String path) {
        Stored stored = objects.get(path);
        return stored == null ? null : stored.content();
    }

    void sendEtags(boolean send) {
        sendEtags = send;
    }

    void checkPreconditions(boolean check) {
        checkPreconditions = check;
    }

    @Override
    public Response answer(HttpRequestHead head, byte[] body, Fault.Kind rangeFault) {
        return switch (head.method()) {
            case "GET", "HEAD" -> read(head, rangeFault);
            case "PUT" -> {
                put(head.path(), body);
                yield Response.empty(200, validators(objects.get(head.path())));
            }
            default -> Response.text(405, Response.reasonOf(405), head.method() + " is not supported\n")
                    .withHeaders(Map.of("Allow", "GET, HEAD, PUT"));
        };
    }

    private Response read(HttpRequestHead head, Fault.Kind rangeFault) {
        Stored stored = objects.get(head.path());
        if (stored == null) {
            return Response.text(404, Response.reasonOf(404), "no object at " + head.path() + "\n");
        }
        if (checkPreconditions && !preconditionsHold(head, stored)) {
            return Response.text(412, Response.reasonOf(412), "the object at " + head.path() + " is another version\n");
        }
        byte[] object = stored.content();
        long total = object.length;
        RangeRequest range = rangeFault == Fault.Kind.IGNORE_RANGE
                ? new Whole()
                : RangeRequest.parse(head.header("Range"), total);
        if (rangeFault == Fault.Kind.WRONG_CONTENT_RANGE) {
            range = (range instanceof Partial asked ? asked : new Partial(0, total - 1)).misplaced(total);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/octet-stream");
        if (rangeFault != Fault.Kind.IGNORE_RANGE) {
            headers.put("Accept-Ranges", "bytes"); // a server that ignores ranges does not advertise them
        }
        headers.putAll(validators(stored));
        return switch (range) {
            case Whole whole -> new Response(200, Response.reasonOf(200), headers, object, 0, object.length);
            case Partial partial -> {
                headers.put("Content-Range", partial.contentRange(total));
                yield new Response(206, Response.reasonOf(206), headers, object, (int) partial.first(), (int) partial.length());
            }
            case Unsatisfiable unsatisfiable -> Response.empty(416, Map.of("Content-Range", "bytes */" + total));
        };
    }

    private Map<String, String> validators(Stored stored) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (sendEtags) {
            headers.put("ETag", stored.etag());
        }
        headers.put("Last-Modified", stored.lastModified());
        return headers;
    }

    /**
     * RFC 9110, section 13.2.2: If-Match (strong comparison, only where ETags are sent), else
     * If-Unmodified-Since; a date that does not parse is ignored.
     */
    private boolean preconditionsHold(HttpRequestHead head, Stored stored) {
        String ifMatch = head.header("If-Match");
        if (ifMatch != null && sendEtags) {
            return Arrays.stream(ifMatch.split(",")).map(String::strip)
                    .anyMatch(tag -> tag.equals("*") || tag.equals(stored.etag()));
        }
        String ifUnmodifiedSince = head.header("If-Unmodified-Since");
        if (ifUnmodifiedSince != null) {
            try {
                ZonedDateTime since = ZonedDateTime.parse(ifUnmodifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME);
                ZonedDateTime modified = ZonedDateTime.parse(stored.lastModified(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return !modified.isAfter(since);
            } catch (DateTimeParseException e) {
                return true;
            }
        }
        return true;
    }
}
