package io.ferry.remote;

import io.ferry.remote.http.Headers;
import io.ferry.remote.http.ResponseHead;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which condition a read sends for a version, and which answers show another version. */
class ObjectVersionTest {
    private static final String MONDAY = "Mon, 01 Jan 2024 00:00:01 GMT";
    private static final String TUESDAY = "Tue, 02 Jan 2024 00:00:01 GMT";

    private static ResponseHead answer(String etag, String lastModified) {
        ResponseHead response = ResponseHead.of(206, "Partial Content");
        if (etag != null) {
            response.headers().set("ETag", etag);
        }
        if (lastModified != null) {
            response.headers().set("Last-Modified", lastModified);
        }
        return response;
    }

    private static Headers conditions(ObjectVersion version) {
        Headers headers = new Headers();
        version.addConditions(headers);
        return headers;
    }

    @Test
    void shouldAskForAStrongEtagElseForTheLastModificationElseForNothing() {
        assertThat(conditions(new ObjectVersion("\"a\"", MONDAY)).get("If-Match")).isEqualTo("\"a\"");
        assertThat(conditions(new ObjectVersion("W/\"a\"", MONDAY)).get("If-Unmodified-Since")).isEqualTo(MONDAY);
        assertThat(conditions(new ObjectVersion("W/\"a\"", MONDAY)).contains("If-Match")).isFalse();
        assertThat(conditions(new ObjectVersion(null, MONDAY)).get("If-Unmodified-Since")).isEqualTo(MONDAY);
        assertThat(conditions(ObjectVersion.UNKNOWN).isEmpty()).isTrue();
    }

    @Test
    void shouldSeeAnotherVersionByItsEtagComparedWeaklyElseByItsLastModification() {
        ObjectVersion tagged = new ObjectVersion("\"a\"", MONDAY);
        ObjectVersion dated = new ObjectVersion(null, MONDAY);

        assertThat(tagged.differenceIn(answer("W/\"a\"", TUESDAY))).as("the ETag decides").isNull();
        assertThat(tagged.differenceIn(answer("\"b\"", MONDAY))).contains("ETag is now \"b\", not \"a\"");
        assertThat(tagged.differenceIn(answer(null, null))).as("an answer without an ETag").isNull();
        assertThat(dated.differenceIn(answer("\"b\"", "Monday, 01-Jan-24 00:00:01 GMT"))).as("same instant").isNull();
        assertThat(dated.differenceIn(answer(null, TUESDAY))).contains("Last-Modified is now " + TUESDAY);
        assertThat(ObjectVersion.UNKNOWN.differenceIn(answer("\"b\"", TUESDAY))).isNull();
    }
}
