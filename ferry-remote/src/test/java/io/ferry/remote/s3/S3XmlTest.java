package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static io.ferry.remote.s3.FerryFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

class S3XmlTest {
    private static final String NO_SUCH_KEY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error>
              <Code>NoSuchKey</Code>
              <Message>The resource you requested does not exist</Message>
              <Resource>/mybucket/myfoto.jpg</Resource>
              <RequestId>4442587FB7D0A2F9</RequestId>
              <HostId>d3d3LmV4YW1wbGUuY29t</HostId>
            </Error>""";

    @TempDir
    Path dir;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A document whose entity would pull in a local file, if entities were resolved. */
    private String xxeDocument(String root, String child) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE " + root + " [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<" + root + "><" + child + ">&xxe;</" + child + "></" + root + ">";
    }

    @Test
    void shouldReadCodeMessageAndRequestIdOfAnError() {
        assertThat(S3Xml.parseError(bytes(NO_SUCH_KEY)))
                .contains(new S3Error("NoSuchKey", "The resource you requested does not exist", "4442587FB7D0A2F9"));
    }

    @Test
    void shouldDescribeAnErrorInOneLine() {
        assertThat(new S3Error("SlowDown", "Reduce your request rate.", "RID").describe())
                .isEqualTo("SlowDown: Reduce your request rate. (request id RID)");
        assertThat(new S3Error("AccessDenied", "", "").describe()).isEqualTo("AccessDenied");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "Service Unavailable", "<html><body><h1>502 Bad Gateway</h1><hr><br></body></html>",
            "<Error><Code>NoSu", "<ListBucketResult/>", "{\"message\":\"json\"}"})
    void shouldFindNoErrorInABodyThatIsNotAnErrorDocument(String body) {
        assertThat(S3Xml.parseError(bytes(body))).isEmpty();
    }

    @Test
    void shouldNotResolveExternalEntitiesInAnError() throws IOException {
        assertThat(S3Xml.parseError(bytes(xxeDocument("Error", "Code")))).isEmpty();
    }

    @Test
    void shouldReadTheUploadIdOfANamespacedResult() {
        String body = """
                <?xml version="1.0" encoding="UTF-8"?>
                <InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Bucket>example-bucket</Bucket>
                  <Key>example-object</Key>
                  <UploadId>VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA</UploadId>
                </InitiateMultipartUploadResult>""";

        assertThat(S3Xml.parseUploadId(bytes(body))).isEqualTo("VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA");
    }

    @Test
    void shouldExplainAnInitiateResultWithoutUploadId() {
        assertFails(() -> S3Xml.parseUploadId(bytes("<InitiateMultipartUploadResult><Key>k</Key></InitiateMultipartUploadResult>")),
                ErrorCode.IO_ERROR).hasMessageContaining("has no UploadId");
    }

    @Test
    void shouldReportAnErrorDocumentInsteadOfAnUploadId() {
        assertFails(() -> S3Xml.parseUploadId(bytes(NO_SUCH_KEY)), ErrorCode.IO_ERROR).hasMessageContaining("NoSuchKey");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<InitiateMultipartUploadResult><UploadId>abc</UploadId>", "not xml", "<a></b>"})
    void shouldReportAMalformedInitiateResult(String body) {
        assertFails(() -> S3Xml.parseUploadId(bytes(body)), ErrorCode.IO_ERROR).hasMessageContaining("not well-formed XML");
    }

    @Test
    void shouldNeverReadALocalFileThroughAnEntity() throws IOException {
        String document = xxeDocument("InitiateMultipartUploadResult", "UploadId");

        assertFails(() -> S3Xml.parseUploadId(bytes(document)), ErrorCode.IO_ERROR)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET-CONTENT");
    }

    @Test
    void shouldRefuseAnEntityExpansionBomb() {
        String bomb = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <CompleteMultipartUploadResult><ETag>&lol2;</ETag></CompleteMultipartUploadResult>""";

        assertFails(() -> S3Xml.parseCompleteResult(bytes(bomb)), ErrorCode.IO_ERROR).hasMessageContaining("DOCTYPE");
    }

    @Test
    void shouldNumberPartsFromOneAndEscapeTheQuotedEtags() {
        byte[] body = S3Xml.completeMultipartUpload(List.of(new S3Xml.UploadedPart("\"a54357aff0632cce46d942af68356b38\"", null),
                new S3Xml.UploadedPart("\"0c78aef8<&>'\"", "yZRlqg==")));

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\
                <Part><PartNumber>1</PartNumber><ETag>&quot;a54357aff0632cce46d942af68356b38&quot;</ETag></Part>\
                <Part><PartNumber>2</PartNumber><ETag>&quot;0c78aef8&lt;&amp;&gt;&apos;&quot;</ETag><ChecksumCRC32C>yZRlqg==</ChecksumCRC32C></Part>\
                </CompleteMultipartUpload>""");
    }

    @Test
    void shouldRefuseAnUploadWithoutPartsOrWithTooManyOrWithoutAnEtag() {
        assertFails(() -> S3Xml.completeMultipartUpload(List.of()), ErrorCode.INVALID_ARGUMENT).hasMessageContaining("1 to 10000 parts");
        assertFails(() -> S3Xml.completeMultipartUpload(Collections.nCopies(10_001, new S3Xml.UploadedPart("\"e\"", null))),
                ErrorCode.INVALID_ARGUMENT).hasMessageContaining("not 10001");
        assertFails(() -> S3Xml.completeMultipartUpload(List.of(new S3Xml.UploadedPart("\"e\"", null),
                new S3Xml.UploadedPart(" ", null))),
                ErrorCode.INVALID_ARGUMENT).hasMessageContaining("part 2 has no ETag");
    }

    @Test
    void shouldAcceptACompleteResult() {
        String body = """
                <?xml version="1.0" encoding="UTF-8"?>
                <CompleteMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Location>https://example-bucket.s3.amazonaws.com/object</Location>
                  <Bucket>example-bucket</Bucket>
                  <Key>object</Key>
                  <ETag>"3858f62230ac3c915f300c664312c11f-9"</ETag>
                </CompleteMultipartUploadResult>""";

        assertThat(S3Xml.parseCompleteResult(bytes(body))).isEmpty();
    }

    @Test
    void shouldFindTheErrorOfACompleteThatAnsweredOkAfterKeepAliveSpaces() {
        String body = "   \n   \n" + """
                <?xml version="1.0" encoding="UTF-8"?>
                <Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message>\
                <RequestId>656c76696e6727732072657175657374</RequestId></Error>""";

        assertThat(S3Xml.parseCompleteResult(bytes(body)))
                .contains(new S3Error("InternalError", "We encountered an internal error. Please try again.",
                        "656c76696e6727732072657175657374"));
    }

    @Test
    void shouldReportAnUnexpectedOrBrokenCompleteResult() {
        assertFails(() -> S3Xml.parseCompleteResult(bytes("<ListBucketResult/>")), ErrorCode.IO_ERROR)
                .hasMessageContaining("unexpected <ListBucketResult>");
        assertFails(() -> S3Xml.parseCompleteResult(bytes("<CompleteMultipartUploadResult>")), ErrorCode.IO_ERROR)
                .hasMessageContaining("not well-formed XML");
        assertFails(() -> S3Xml.parseCompleteResult(bytes("  ")), ErrorCode.IO_ERROR).hasMessageContaining("empty body");
    }
}
