package io.ferry.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.Random;

/** Tests against a {@link FaultyHttpServer} serving one random object at {@code /object.bin}, started and closed around each test. */
abstract class ServedObjectTest {
    final byte[] object;
    FaultyHttpServer server;

    ServedObjectTest(int objectSize) {
        object = randomBytes(objectSize);
    }

    @BeforeEach
    void startServer() {
        server = FaultyHttpServer.start().put("/object.bin", object);
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
