package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.testkit.Fault;
import io.ferry.testkit.FaultyHttpServer;
import io.ferry.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How an object's size is learned when HEAD does not give it, and that an unknown size is an error, never a number. */
class ObjectSizeTest {
    private static final byte[] SMALL = RemoteFixture.randomBytes(300_000, 11);
    private static final byte[] LARGE = RemoteFixture.randomBytes(3 << 20, 12);

    private FaultyHttpServer server;
    private RemoteFixture fixture;

    @BeforeEach
    void start() {
        server = FaultyHttpServer.start().put("/small.bin", SMALL).put("/large.bin", LARGE).put("/empty.bin", new byte[0]);
        fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks().set(RemoteSettings.HTTP_MAX_ATTEMPTS, 2));
    }

    @AfterEach
    void stop() {
        fixture.close();
        server.close();
    }

    private String uri(String path) {
        return server.uri(path).toString();
    }

    @Test
    void shouldRefuseToOpenAnObjectWhenNeitherHeadNorARangedGetGivesItsSize() {
        server.script().always(Fault.status(405).on("HEAD")).always(Fault.ignoreRangeWithoutLength().on("GET"));

        assertThatThrownBy(() -> fixture.remote.open(uri("/small.bin")))
                .isInstanceOfSatisfying(FerryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.IO_ERROR);
                    assertThat(e.getMessage()).contains("cannot learn the size of " + uri("/small.bin"),
                            "HEAD was refused (HTTP 405)", "whole object (HTTP 200) without a Content-Length");
                });
        assertThat(server.requests()).extracting(RecordedRequest::method).containsExactly("HEAD", "GET");
    }

    @Test
    void shouldRefuseToOpenAnObjectWhenHeadGivesNoLengthAndTheServerIgnoresRanges() {
        server.script().always(Fault.ignoreRangeWithoutLength());

        assertThatThrownBy(() -> fixture.remote.open(uri("/small.bin")))
                .hasMessageContaining("HEAD gave no Content-Length").hasMessageContaining("cannot learn the size");
    }

    @Test
    void shouldTakeTheSizeFromAWholeObjectAnswerWithoutReadingItsBody() {
        server.script().always(Fault.status(405).on("HEAD")).always(Fault.ignoreRange().on("GET"));

        RemoteObject object = fixture.remote.open(uri("/large.bin"));

        assertThat(object.size()).isEqualTo(LARGE.length);
        assertThat(fixture.remote.retries()).isZero();
    }

    @Test
    void shouldLearnTheSizeFromARangedGetWhenHeadGivesNoLengthAndReadTheObject() {
        server.script().always(Fault.ignoreRangeWithoutLength().on("HEAD"));
        RemoteObject object = fixture.remote.open(uri("/small.bin"));
        MemorySegment memory = fixture.sentinelMemory(object.size());

        fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, object, 0))).throwIfFailed();

        assertThat(RemoteFixture.bytes(memory)).isEqualTo(SMALL);
    }

    @Test
    void shouldNotTakeAHeadThatSaysZeroBytesForAnObjectThatHasSome() {
        server.script().always(Fault.status(200, "OK").withBody("application/octet-stream", "").on("HEAD"));
        RemoteObject object = fixture.remote.open(uri("/small.bin"));
        MemorySegment memory = fixture.sentinelMemory(SMALL.length);

        fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, object, 0))).throwIfFailed();

        assertThat(object.size()).isEqualTo(SMALL.length);
        assertThat(RemoteFixture.bytes(memory)).isEqualTo(SMALL);
    }

    @Test
    void shouldConfirmThatAnObjectIsEmptyWithAGet() {
        assertThat(fixture.remote.open(uri("/empty.bin")).size()).isZero();
        assertThat(server.requests()).extracting(RecordedRequest::method).containsExactly("HEAD", "GET");
    }

    @Test
    void shouldLearnThatAnObjectIsEmptyFromA416WhereHeadIsRefused() {
        server.script().always(Fault.headForbidden());

        assertThat(fixture.remote.open(uri("/empty.bin")).size()).isZero();
    }
}
