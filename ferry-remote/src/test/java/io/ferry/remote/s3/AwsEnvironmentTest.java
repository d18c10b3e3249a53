package io.ferry.remote.s3;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ~ is $HOME, as the AWS CLI expands it; the passwd entry only when HOME is unset. */
class AwsEnvironmentTest {
    @Test
    void shouldTakeTheHomeDirectoryFromHome() {
        AwsEnvironment env = AwsEnvironment.of(Map.of("HOME", "/tmp/someone-else"));

        assertThat(env.home()).isEqualTo(Path.of("/tmp/someone-else"));
        assertThat(env.path("~/.aws/other")).isEqualTo(Path.of("/tmp/someone-else/.aws/other"));
    }

    @Test
    void shouldFallBackToUserHomeWithoutHome() {
        assertThat(AwsEnvironment.of(Map.of("HOME", " ")).home()).isEqualTo(Path.of(System.getProperty("user.home")));
    }

    @Test
    void shouldReadSwitchesInAnyCaseAndBlankValuesAsUnset() {
        AwsEnvironment env = AwsEnvironment.of(Map.of("A", "True", "B", "yes", "C", "  "));

        assertThat(env.isTrue("A")).isTrue();
        assertThat(env.isTrue("B")).isFalse();
        assertThat(env.get("C")).isNull();
    }
}
