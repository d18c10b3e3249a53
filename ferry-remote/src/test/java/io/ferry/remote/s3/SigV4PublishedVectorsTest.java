package io.ferry.remote.s3;

import io.ferry.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signer against AWS's published examples: the generic "AWS Signature Version 4 test suite"
 * (2015-08-30 files, service {@code service}; get-vanilla-with-session-token from the newer suite
 * in awslabs/aws-c-auth) and the S3 examples of "Signature Calculations for the Authorization
 * Header: Transferring Payload in a Single Chunk". Expected values are copied from those files.
 */
class SigV4PublishedVectorsTest {
    private static final String SUITE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final AwsCredentials SUITE_KEYS = new AwsCredentials("AKIDEXAMPLE", SUITE_SECRET, null);
    private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final String SUITE_HOST = "https://example.amazonaws.com";
    private static final String SUITE_SCOPE = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
    private static final String STS_TOKEN = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBu"
            + "FqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSX"
            + "Dvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSI"
            + "lTJabIQwj2ICCR/oLxBA==";
    private static final String CRT_TOKEN = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
    private static final String UNRESERVED = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final AwsCredentials S3_DOC_KEYS =
            new AwsCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null);
    private static final Instant S3_DOC_TIME = Instant.parse("2013-05-24T00:00:00Z");
    private static final String S3_DOC_HOST = "https://examplebucket.s3.amazonaws.com";
    private static final String S3_DOC_SCOPE = "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";
    private static final String WELCOME_SHA256 = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
    private static final Map<String, String> PUT_HEADERS =
            Map.of("Date", "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class", "REDUCED_REDUNDANCY");

    /** One published request and the signed headers and signature of its published Authorization header. */
    record Vector(String name, AwsCredentials keys, String service, Instant time, String method, String uri,
                  Map<String, String> headers, String payloadSha256, String signedHeaders, String signature) {
        String authorization() {
            String scope = service.equals("s3") ? S3_DOC_SCOPE : SUITE_SCOPE;
            return "AWS4-HMAC-SHA256 Credential=" + scope + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Vector> testSuite() {
        return Stream.of(
                suite("get-vanilla", "GET", "/", Map.of(), "host;x-amz-date",
                        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
                suite("get-vanilla-query-order-key-case", "GET", "/?Param2=value2&Param1=value1", Map.of(), "host;x-amz-date",
                        "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
                suite("get-vanilla-query-order-key", "GET", "/?Param1=value2&Param1=Value1", Map.of(), "host;x-amz-date",
                        "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1"),
                suite("get-vanilla-query-unreserved", "GET", "/?" + UNRESERVED + "=" + UNRESERVED, Map.of(), "host;x-amz-date",
                        "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
                suite("get-vanilla-utf8-query", "GET", "/?\u1234=bar", Map.of(), "host;x-amz-date",
                        "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
                suite("get-header-value-trim", "GET", "/", Map.of("My-Header1", " value1", "My-Header2", " \"a   b   c\""),
                        "host;my-header1;my-header2;x-amz-date", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
                suite("get-unreserved", "GET", "/" + UNRESERVED, Map.of(), "host;x-amz-date",
                        "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
                suite("get-utf8", "GET", "/\u1234", Map.of(), "host;x-amz-date",
                        "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
                suite("post-vanilla", "POST", "/", Map.of(), "host;x-amz-date",
                        "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
                suite("post-vanilla-empty-query-value", "POST", "/?Param1=value1", Map.of(), "host;x-amz-date",
                        "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
                suite("post-header-value-case", "POST", "/", Map.of("My-Header1", "VALUE1"), "host;my-header1;x-amz-date",
                        "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
                new Vector("post-x-www-form-urlencoded", SUITE_KEYS, "service", SUITE_TIME, "POST", SUITE_HOST + "/",
                        Map.of("Content-Type", "application/x-www-form-urlencoded"),
                        SigV4Signer.sha256Hex("Param1=value1".getBytes(StandardCharsets.UTF_8)), "content-type;host;x-amz-date",
                        "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
                new Vector("post-sts-header-before", new AwsCredentials("AKIDEXAMPLE", SUITE_SECRET, STS_TOKEN), "service", SUITE_TIME,
                        "POST", SUITE_HOST + "/", Map.of(), SigV4Signer.EMPTY_SHA256, "host;x-amz-date;x-amz-security-token",
                        "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"),
                new Vector("get-vanilla-with-session-token", new AwsCredentials("AKIDEXAMPLE", SUITE_SECRET, CRT_TOKEN), "service",
                        SUITE_TIME, "GET", SUITE_HOST + "/", Map.of(), SigV4Signer.EMPTY_SHA256, "host;x-amz-date;x-amz-security-token",
                        "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"),
                suite("normalize-path/get-slashes", "GET", "//example//", Map.of(), "host;x-amz-date",
                        "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84"),
                suite("normalize-path/get-slash-pointless-dot", "GET", "/./example", Map.of(), "host;x-amz-date",
                        "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5"),
                suite("normalize-path/get-relative-relative", "GET", "/example1/example2/../..", Map.of(), "host;x-amz-date",
                        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
                suite("normalize-path/get-slash-dot-slash", "GET", "/./", Map.of(), "host;x-amz-date",
                        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
    }

    static Stream<Vector> s3Documentation() {
        return Stream.of(
                s3("GET Object", "GET", "/test.txt", Map.of("Range", "bytes=0-9"), SigV4Signer.EMPTY_SHA256,
                        "host;range;x-amz-content-sha256;x-amz-date", "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"),
                s3("PUT Object", "PUT", "/test$file.text", PUT_HEADERS, WELCOME_SHA256,
                        "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                        "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"),
                s3("GET Bucket Lifecycle", "GET", "/?lifecycle", Map.of(), SigV4Signer.EMPTY_SHA256,
                        "host;x-amz-content-sha256;x-amz-date", "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"),
                s3("Get Bucket (List Objects)", "GET", "/?max-keys=2&prefix=J", Map.of(), SigV4Signer.EMPTY_SHA256,
                        "host;x-amz-content-sha256;x-amz-date", "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"));
    }

    private static Vector suite(String name, String method, String pathAndQuery, Map<String, String> headers,
                                String signedHeaders, String signature) {
        return new Vector(name, SUITE_KEYS, "service", SUITE_TIME, method, SUITE_HOST + pathAndQuery, headers,
                SigV4Signer.EMPTY_SHA256, signedHeaders, signature);
    }

    private static Vector s3(String name, String method, String pathAndQuery, Map<String, String> headers, String payloadSha256,
                             String signedHeaders, String signature) {
        return new Vector(name, S3_DOC_KEYS, "s3", S3_DOC_TIME, method, S3_DOC_HOST + pathAndQuery, headers, payloadSha256,
                signedHeaders, signature);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"testSuite", "s3Documentation"})
    void shouldProduceThePublishedAuthorizationHeader(Vector vector) {
        SigV4Signer signer = new SigV4Signer(vector.keys(), "us-east-1", vector.service());

        URI uri = URI.create(vector.uri());

        Map<String, String> added = signer.sign(vector.method(), uri, vector.headers(), vector.payloadSha256(), vector.time());

        assertThat(added.get("Authorization")).isEqualTo(vector.authorization());
    }

    @Test
    void shouldSignTheDocumentedPutWhenTheUriComesFromTheConfig() {
        S3Config config = S3Config.resolve(Map.of("AWS_ENDPOINT_URL", "https://s3.amazonaws.com"), Path.of("/nonexistent"),
                Settings.defaults());
        URI uri = config.objectUri(new S3Location("examplebucket", "test$file.text"));
        String payloadSha256 = SigV4Signer.sha256Hex("Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8));

        SigV4Signer signer = new SigV4Signer(S3_DOC_KEYS, "us-east-1", "s3");

        Map<String, String> added = signer.sign("PUT", uri, PUT_HEADERS, payloadSha256, S3_DOC_TIME);

        assertThat(uri).hasToString("https://examplebucket.s3.amazonaws.com/test%24file.text");
        assertThat(added.get("Authorization")).endsWith("Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    }

    /** A published request and its published canonical request; {@code x-amz-*} headers given as the signer adds them. */
    record CanonicalVector(String name, String service, String method, String uri, Map<String, String> headers,
                           String payloadSha256, String canonicalRequest) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<CanonicalVector> canonicalRequests() {
        Map<String, String> suiteDate = Map.of("X-Amz-Date", "20150830T123600Z");
        return Stream.of(
                new CanonicalVector("get-vanilla-query-order-key-case", "service", "GET", SUITE_HOST + "/?Param2=value2&Param1=value1",
                        suiteDate, SigV4Signer.EMPTY_SHA256, """
                        GET
                        /
                        Param1=value1&Param2=value2
                        host:example.amazonaws.com
                        x-amz-date:20150830T123600Z

                        host;x-amz-date
                        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"""),
                new CanonicalVector("post-x-www-form-urlencoded", "service", "POST", SUITE_HOST + "/",
                        Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Amz-Date", "20150830T123600Z"),
                        SigV4Signer.sha256Hex("Param1=value1".getBytes(StandardCharsets.UTF_8)), """
                        POST
                        /

                        content-type:application/x-www-form-urlencoded
                        host:example.amazonaws.com
                        x-amz-date:20150830T123600Z

                        content-type;host;x-amz-date
                        9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"""),
                new CanonicalVector("get-utf8", "service", "GET", SUITE_HOST + "/\u1234", suiteDate, SigV4Signer.EMPTY_SHA256, """
                        GET
                        /%E1%88%B4

                        host:example.amazonaws.com
                        x-amz-date:20150830T123600Z

                        host;x-amz-date
                        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"""),
                // get-space's request line holds a raw space, which a URI cannot; S3's single encoding of the encoded path matches.
                new CanonicalVector("normalize-path/get-space", "s3", "GET", SUITE_HOST + "/example%20space/", suiteDate,
                        SigV4Signer.EMPTY_SHA256, """
                        GET
                        /example%20space/

                        host:example.amazonaws.com
                        x-amz-date:20150830T123600Z

                        host;x-amz-date
                        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"""),
                new CanonicalVector("S3 GET Object", "s3", "GET", S3_DOC_HOST + "/test.txt",
                        Map.of("Range", "bytes=0-9", "x-amz-content-sha256", SigV4Signer.EMPTY_SHA256, "x-amz-date", "20130524T000000Z"),
                        SigV4Signer.EMPTY_SHA256, """
                        GET
                        /test.txt

                        host:examplebucket.s3.amazonaws.com
                        range:bytes=0-9
                        x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                        x-amz-date:20130524T000000Z

                        host;range;x-amz-content-sha256;x-amz-date
                        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"""),
                new CanonicalVector("S3 PUT Object", "s3", "PUT", S3_DOC_HOST + "/test$file.text",
                        Map.of("Date", PUT_HEADERS.get("Date"), "x-amz-storage-class", PUT_HEADERS.get("x-amz-storage-class"),
                                "x-amz-content-sha256", WELCOME_SHA256, "x-amz-date", "20130524T000000Z"),
                        WELCOME_SHA256, """
                        PUT
                        /test%24file.text

                        date:Fri, 24 May 2013 00:00:00 GMT
                        host:examplebucket.s3.amazonaws.com
                        x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072
                        x-amz-date:20130524T000000Z
                        x-amz-storage-class:REDUCED_REDUNDANCY

                        date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class
                        44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalRequests")
    void shouldBuildThePublishedCanonicalRequest(CanonicalVector vector) {
        SigV4Signer signer = new SigV4Signer(SUITE_KEYS, "us-east-1", vector.service());

        String canonical = signer.canonicalRequest(vector.method(), URI.create(vector.uri()), vector.headers(), vector.payloadSha256());

        assertThat(canonical).isEqualTo(vector.canonicalRequest());
    }
}
