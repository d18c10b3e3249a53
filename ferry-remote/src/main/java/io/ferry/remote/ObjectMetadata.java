package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an upload says about the object beside its bytes: its media type ({@code Content-Type},
 * for any server) and, for S3, its storage class ({@code x-amz-storage-class}, such as
 * {@code STANDARD_IA}). Null fields are left to the server's default.
 *
 * @param contentType  such as {@code application/json}, or null
 * @param storageClass an S3 storage class name, or null
 */
public record ObjectMetadata(String contentType, String storageClass) {
    /** Nothing said: the server's defaults. */
    public static final ObjectMetadata NONE = new ObjectMetadata(null, null);

    /** Checks the content type is printable ASCII and the storage class an S3 class name, where given. */
    public ObjectMetadata {
        if (contentType != null && (contentType.isBlank() || contentType.chars().anyMatch(c -> c < 0x20 || c > 0x7e))) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "content type '" + contentType + "': expected a media type "
                    + "such as application/octet-stream");
        }
        if (storageClass != null && !storageClass.matches("[A-Z_]{1,64}")) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "storage class '" + storageClass + "': expected an S3 "
                    + "storage class such as STANDARD or STANDARD_IA");
        }
    }

    /** This metadata with the media type {@code type}, or null for the server's default. */
    public ObjectMetadata withContentType(String type) {
        return new ObjectMetadata(type, storageClass);
    }

    /** This metadata with the S3 storage class {@code name}, or null for the server's default. */
    public ObjectMetadata withStorageClass(String name) {
        return new ObjectMetadata(contentType, name);
    }

    /** The headers of the request that creates the object (a PUT, or the start of a multipart upload). */
    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (storageClass != null) {
            headers.put("x-amz-storage-class", storageClass);
        }
        return headers;
    }
}
