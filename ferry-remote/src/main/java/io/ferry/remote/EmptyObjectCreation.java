package io.ferry.remote;

import io.ferry.FerryException;
import io.ferry.remote.http.HttpMethod;

import java.util.Set;

/** Creating an empty object, which no transfer can write: one PUT with no body, on the engine's connections. */
final class EmptyObjectCreation extends ControlSteps<RemoteObject> {
    private final RemoteBackend backend;
    private final ObjectAccess access;
    private final ObjectMetadata metadata;

    EmptyObjectCreation(RemoteBackend backend, ObjectAccess access, ObjectMetadata metadata) {
        this.backend = backend;
        this.access = access;
        this.metadata = metadata;
        SmallRequest put = new SmallRequest(access, this, "create empty object", HttpMethod.PUT, null, new byte[0],
                status -> status >= 200 && status < 300);
        metadata.headers().forEach(put::header);
        then(put);
    }

    @Override
    void stepDone(HttpTask step) {
        succeed(new RemoteObject(backend, access, 0, ObjectVersion.UNKNOWN, true, Set.of(), true, metadata, null));
    }

    @Override
    void stepFailed(HttpTask step, FerryException cause) {
        fail(cause);
    }
}
