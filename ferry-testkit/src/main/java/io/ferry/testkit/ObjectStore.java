package io.ferry.testkit;

import io.ferry.testkit.RangeRequest.Partial;
import io.ferry.testkit.RangeRequest.Unsatisfiable;
import io.ferry.testkit.RangeRequest.Whole;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The named objects of a {@link FaultyHttpServer} and its normal answers: GET (ranges included), HEAD and PUT. */
final class ObjectStore {
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    void put(String path, byte[] content) {
        objects.put(path, content);
    }

    byte[] get(String path) {
        return objects.get(path);
    }

    /**
     * The answer to a request whose body has been read.
     *
     * @param rangeFault {@link Fault.Kind#IGNORE_RANGE}, {@link Fault.Kind#WRONG_CONTENT_RANGE} or null
     */
    Response answer(HttpRequestHead head, byte[] body, Fault.Kind rangeFault) {
        return switch (head.method()) {
            case "GET", "HEAD" -> read(head, rangeFault);
            case "PUT" -> {
                objects.put(head.path(), body);
                yield Response.empty(200, Map.of());
            }
            default -> Response.text(405, Response.reasonOf(405), head.method() + " is not supported\n")
                    .withHeaders(Map.of("Allow", "GET, HEAD, PUT"));
        };
    }

    private Response read(HttpRequestHead head, Fault.Kind rangeFault) {
        byte[] object = objects.get(head.path());
        if (object == null) {
            return Response.text(404, Response.reasonOf(404), "no object at " + head.path() + "\n");
        }
        long total = object.length;
        RangeRequest range = rangeFault == Fault.Kind.IGNORE_RANGE
                ? new Whole()
                : RangeRequest.parse(head.header("Range"), total);
        if (rangeFault == Fault.Kind.WRONG_CONTENT_RANGE) {
            range = (range instanceof Partial asked ? asked : new Partial(0, total - 1)).misplaced(total);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/octet-stream");
        headers.put("Accept-Ranges", "bytes");
        return switch (range) {
            case Whole whole -> new Response(200, Response.reasonOf(200), headers, object, 0, object.length);
            case Partial partial -> {
                headers.put("Content-Range", partial.contentRange(total));
                yield new Response(206, Response.reasonOf(206), headers, object, (int) partial.first(), (int) partial.length());
            }
            case Unsatisfiable unsatisfiable -> Response.empty(416, Map.of("Content-Range", "bytes */" + total));
        };
    }
}
