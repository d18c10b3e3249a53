package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static io.ferry.remote.s3.FerryFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

/** Sources made by the public factories read their configuration when first asked, once. */
class DeferredTest {
    @Test
    void shouldNameTheSourceAndWhyWhenItIsNotConfigured() {
        Deferred absent = new Deferred("container credentials", () -> null, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set");

        assertThat(absent.describe()).isEqualTo("container credentials");
        assertFails(absent::resolveCredentials, ErrorCode.INVALID_ARGUMENT)
                .hasMessage("container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set");
    }

    @Test
    void shouldReadTheConfigurationOnceAndThenAskTheSourceItMade() {
        AtomicInteger configured = new AtomicInteger();
        ScriptedSource source = new ScriptedSource().answer(new AwsCredentials("A", "a", null)).answer(new AwsCredentials("B", "b", null));
        Deferred deferred = new Deferred("scripted", () -> {
            configured.incrementAndGet();
            return source;
        }, "never");

        deferred.resolveCredentials();
        AwsCredentials second = deferred.resolveCredentials();

        assertThat(second.accessKeyId()).isEqualTo("B");
        assertThat(configured).hasValue(1);
        assertThat(deferred.describe()).isEqualTo("scripted source");
    }
}
