package io.ferry.remote;

import io.ferry.remote.http.HttpMethod;
import io.ferry.remote.s3.AwsUriEncoding;
import io.ferry.remote.s3.S3Xml;

import java.util.List;
import java.util.Map;

/**
 * The requests of an S3 multipart upload, for an upload of known size ({@link MultipartWrite}) and one
 * whose parts come as they are read ({@link ObjectUpload}). Parts carry their CRC32C, which S3 checks,
 * and so does the completion.
 */
final class MultipartRequests {
    private MultipartRequests() {
    }

    static SmallRequest start(ObjectAccess access, HttpTask.TaskOwner owner, ObjectMetadata metadata) {
        SmallRequest start = new SmallRequest(access, owner, "start multipart upload", HttpMethod.POST, "uploads", null,
                status -> status == 200);
        start.header("x-amz-checksum-algorithm", "CRC32C");
        metadata.headers().forEach(start::header);
        return start;
    }

    static Upload part(ObjectAccess access, HttpTask.TaskOwner owner, String uploadId, int number, SegmentsBody bytes) {
        return new Upload(access, owner, number, "partNumber=" + number + "&" + query(uploadId), bytes, Map.of());
    }

    /** The part as the completion names it, or null when the server sent no ETag for it. */
    static S3Xml.UploadedPart uploaded(Upload part) {
        return part.etag() == null ? null : new S3Xml.UploadedPart(part.etag(), part.checksum().get(S3Access.CHECKSUM_HEADER));
    }

    static SmallRequest complete(ObjectAccess access, HttpTask.TaskOwner owner, String uploadId, List<S3Xml.UploadedPart> parts) {
        return new SmallRequest(access, owner, "complete multipart upload of " + parts.size() + " parts", HttpMethod.POST,
                query(uploadId), S3Xml.completeMultipartUpload(parts), status -> status == 200);
    }

    static SmallRequest abort(ObjectAccess access, HttpTask.TaskOwner owner, String uploadId) {
        return new SmallRequest(access, owner, "abort multipart upload", HttpMethod.DELETE, query(uploadId), null,
                status -> status == 204 || status == 200 || status == 404);
    }

    private static String query(String uploadId) {
        return "uploadId=" + AwsUriEncoding.encode(uploadId);
    }
}
