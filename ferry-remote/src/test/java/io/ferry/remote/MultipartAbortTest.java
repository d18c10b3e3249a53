package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.TransferStatus;
import io.ferry.testkit.Fault;
import io.ferry.testkit.FaultyHttpServer;
import io.ferry.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A multipart upload whose part fails for good is aborted, so no parts stay behind. The server is
 * scripted to answer as S3 does (s3proxy cannot be made to fail a part).
 */
class MultipartAbortTest {
    @TempDir
    Path home;

    @Test
    void shouldAbortTheUploadWhenAPartFailsAndNameThePart() {
        try (FaultyHttpServer server = FaultyHttpServer.start()) {
            server.script()
                    .next(Fault.status(200, "OK").withBody("application/xml",
                            "<InitiateMultipartUploadResult><UploadId>up-1</UploadId></InitiateMultipartUploadResult>").on("POST"))
                    .next(Fault.status(500, "Internal Server Error").on("PUT"))
                    .always(Fault.status(200, "OK").withHeader("ETag", "\"etag\"").on("PUT"))
                    .always(Fault.status(204, "No Content").on("DELETE"));
            Map<String, String> environment = Map.of("AWS_ENDPOINT_URL", server.baseUri().toString(),
                    "AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_REGION", "us-east-1");
            try (RemoteFixture fixture = new RemoteFixture("multiplexed",
                    RemoteFixture.smallTasks().set(RemoteSettings.HTTP_MAX_ATTEMPTS, 1).set(RemoteSettings.PART_SIZE, 5L << 20),
                    factory -> factory.environment(environment, home))) {
                long size = (3L << 20) * 5;
                RemoteObject object = fixture.remote.create("s3://bucket/object.bin", size);
                MemorySegment memory = fixture.arena.allocate(size);

                TransferStatus status = fixture.run(TransferOp.WRITE, List.of(Descriptor.of(memory, object, 0)));

                assertThat(status.failures()).hasSize(1);
                assertThat(status.failures().getFirst().cause().getMessage()).contains("PUT s3://bucket/object.bin (part", "500");
                List<RecordedRequest> requests = server.requests();
                assertThat(requests).filteredOn(r -> r.method().equals("POST")).hasSize(1);
                assertThat(requests).filteredOn(r -> r.method().equals("DELETE"))
                        .extracting(RecordedRequest::target).containsExactly("/bucket/object.bin?uploadId=up-1");
                assertThat(requests).allMatch(r -> r.header("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=id/"));
            }
        }
    }

    @Test
    void shouldSayBothWhenAnUploadOfUnknownSizeCannotBeAbortedEither() {
        try (FaultyHttpServer server = FaultyHttpServer.start()) {
            server.script()
                    .next(Fault.status(200, "OK").withBody("application/xml",
                            "<InitiateMultipartUploadResult><UploadId>up-2</UploadId></InitiateMultipartUploadResult>").on("POST"))
                    .always(Fault.status(500, "Internal Server Error").on("DELETE"));
            Map<String, String> environment = Map.of("AWS_ENDPOINT_URL", server.baseUri().toString(),
                    "AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_REGION", "us-east-1");
            try (RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks().set(RemoteSettings.HTTP_MAX_ATTEMPTS, 1),
                    factory -> factory.environment(environment, home))) {
                ObjectUpload upload = fixture.remote.startUpload("s3://bucket/stream.bin", ObjectMetadata.NONE);
                FerryException partFailed = new FerryException(ErrorCode.IO_ERROR, "part 3 failed");

                FerryException reported = upload.abortAfter(partFailed);

                assertThat(reported).hasCause(partFailed).hasMessageStartingWith("part 3 failed; aborting the upload failed too: ")
                        .hasMessageContaining("500").hasMessageEndingWith("; parts may remain (upload id up-2)");
                assertThat(upload.abortAfter(partFailed)).as("ended: nothing sent again").isSameAs(partFailed);
                assertThat(server.requests()).filteredOn(r -> r.method().equals("DELETE"))
                        .extracting(RecordedRequest::target).containsExactly("/bucket/stream.bin?uploadId=up-2");
            }
        }
    }
}
