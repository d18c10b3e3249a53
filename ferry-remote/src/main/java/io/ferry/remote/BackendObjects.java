package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.remote.http.HttpUrls;
import io.ferry.remote.s3.S3Xml;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Makes the objects of one {@link RemoteBackend} from their locations ({@link ObjectLocations}),
 * through a control call on the engine's connections where the server must be asked first. Each
 * method does the work of the {@link RemoteBackend} method of the same name, whose javadoc states
 * its contract. An object needs nothing of the backend to be closed.
 *
 * <p>Thread-safe: objects are opened and created on any thread; a control call hands over its
 * object on the thread that drives the engine.
 */
final class BackendObjects {
    private final RemoteBackend backend;
    private final ObjectLocations locations;
    private final ControlCalls controlCalls;

    BackendObjects(RemoteBackend backend, ObjectLocations locations, ControlCalls controlCalls) {
        this.backend = backend;
        this.locations = locations;
        this.controlCalls = controlCalls;
    }

    RemoteObject open(String location, RemoteOpenOption[] options) {
        return controlCalls.run(opening(location, options), "open " + HttpUrls.shown(location));
    }

    CompletableFuture<RemoteObject> openAsync(String location, RemoteOpenOption[] options) {
        return controlCalls.start(opening(location, options)).result();
    }

    private ObjectOpening opening(String location, RemoteOpenOption[] options) {
        return new ObjectOpening(backend, location, locations.access(location), optionSet(options));
    }

    RemoteObject open(String location, long size, RemoteOpenOption[] options) {
        return new RemoteObject(backend, locations.access(location), checkSize(size), ObjectVersion.UNKNOWN, false,
                optionSet(options), true, ObjectMetadata.NONE, null);
    }

    RemoteObject create(String location, long size, ObjectMetadata metadata) {
        return new RemoteObject(backend, locations.writableAccess(location, metadata), checkSize(size), ObjectVersion.UNKNOWN,
                true, Set.of(), true, metadata, null);
    }

    ObjectUpload startUpload(String location, ObjectMetadata metadata) {
        ObjectAccess access = locations.writableAccess(location, metadata);
        if (!(access instanceof S3Access)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, HttpUrls.shown(location) + ": an upload in parts "
                    + "needs an s3:// object (an S3 multipart upload)");
        }
        String uploadId = controlCalls.run(new OneRequest<>(owner -> MultipartRequests.start(access, owner, metadata),
                answer -> S3Xml.parseUploadId(answer.content())), "start an upload to " + HttpUrls.shown(location));
        return new ObjectUpload(backend, access, uploadId);
    }

    RemoteObject createEmpty(String location, ObjectMetadata metadata) {
        return controlCalls.run(new EmptyObjectCreation(backend, locations.writableAccess(location, metadata), metadata),
                "create " + HttpUrls.shown(location));
    }

    private static long checkSize(long size) {
        if (size < 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "size must not be negative: " + size);
        }
        return size;
    }

    private static Set<RemoteOpenOption> optionSet(RemoteOpenOption[] options) {
        return Set.copyOf(List.of(options));
    }
}
