package io.ferry.remote.s3;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON reader of credential answers. */
class JsonTest {
    @Test
    void shouldReadObjectsArraysStringsNumbersAndLiterals() throws Json.Malformed {
        Map<String, Object> object = Json.parseObject(" {\"a\": [1, -2.5e3, true, false, null], \"b\": {\"c\": \"x\\\"\\u00e9\\n\"}, \"d\": {}} ");

        assertThat(object.get("a")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly(BigDecimal.ONE, new BigDecimal("-2.5e3"), true, false, null);
        assertThat(object.get("b")).isEqualTo(Map.of("c", "x\"é\n"));
        assertThat(object.get("d")).isEqualTo(Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{", "{\"a\" 1}", "{\"a\": 01}", "{\"a\": \"x}", "{\"a\": tru}", "{} {}", "{\"a\": \"\\q\"}",
            "{\"a\": \"\\u12\"}", "{\"a\": [1,]}"})
    void shouldRefuseWhatIsNotAJsonObject(String text) {
        assertThatThrownBy(() -> Json.parseObject(text)).isInstanceOf(Json.Malformed.class);
    }

    @Test
    void shouldRefuseANumberOutOfRangeAsMalformed() {
        assertThatThrownBy(() -> Json.parseObject("{\"Expiration\": 1e99999999999}")).isInstanceOf(Json.Malformed.class)
                .hasMessageContaining("a number out of range");
    }

    @Test
    void shouldRefuseNestingTooDeepForTheStack() {
        String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";

        assertThatThrownBy(() -> Json.parseObject(deep)).isInstanceOf(Json.Malformed.class).hasMessageContaining("nesting deeper than 32");
    }
}
