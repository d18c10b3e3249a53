package io.ferry.remote.s3;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ferry.FerryException;

import java.util.Arrays;
import java.util.Optional;

/**
 * Fuzzes the parsers of documents servers answer with: the JSON of credential sources (a parser of
 * our own, its nesting bounded) and S3's XML (the JDK's parser, DOCTYPEs refused). JSON may only be
 * refused as {@link Json.Malformed}, XML only with a {@link FerryException} (or, for an error body, by
 * finding no error in it). The first input byte picks the parser. Seeds in src/test/resources; the
 * pom fuzzes it for a bounded time in every build (JAZZER_FUZZ).
 */
class DocumentsFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void documentsAreParsedOrRefusedCleanly(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] document = Arrays.copyOfRange(input, 1, input.length);
        switch (Math.floorMod(input[0], 4)) {
            case 0 -> json(document);
            case 1 -> {
                Optional<S3Error> error = S3Xml.parseError(document);
                error.ifPresent(e -> require(e.code() != null && e.message() != null, "an error without its fields"));
            }
            case 2 -> xml(() -> require(!S3Xml.parseUploadId(document).isEmpty(), "an empty upload id accepted"));
            default -> xml(() -> S3Xml.parseCompleteResult(document));
        }
    }

    private static void json(byte[] document) {
        try {
            require(Json.parseObject(new String(document, java.nio.charset.StandardCharsets.UTF_8)) != null, "no object");
        } catch (Json.Malformed refused) {
            // the one way the parser may refuse a document
        }
    }

    private static void xml(Runnable parse) {
        try {
            parse.run();
        } catch (FerryException refused) {
            // how S3Xml refuses a document that is not the one expected
        }
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
