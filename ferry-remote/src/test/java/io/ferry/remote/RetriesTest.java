package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.remote.http.ProxyRules;
import io.ferry.remote.http.StaleConnectionException;
import io.ferry.settings.Settings;
import io.ferry.remote.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are retried, how often, and how long the back-off is. */
class RetriesTest {
    private static final FerryException CAUSE = new FerryException(ErrorCode.IO_ERROR, "GET x: connection reset");

    private static final class Owner implements HttpTask.TaskOwner {
        boolean cancelled;

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void taskDone(HttpTask task) {
        }

        @Override
        public void taskFailed(HttpTask task, FerryException cause) {
        }
    }

    /** Records how the task's attempts ended. */
    private static final class Events implements HttpTask.TaskEvents {
        FerryException failure;

        @Override
        public void succeeded(HttpTask task) {
        }

        @Override
        public void attemptFailed(HttpTask task, FerryException cause, int status) {
            failure = cause;
        }
    }

    private final Owner owner = new Owner();
    private final HttpTask task = new SmallRequest(new HttpAccess(URI.create("http://127.0.0.1:1/x"), Map.of(), ProxyRules.NONE), owner, "test",
            HttpMethod.GET, null, null, status -> status == 200);

    private static Retries retries(int maxAttempts, long firstDelayNs) {
        return new Retries(Settings.builder()
                .set(RemoteSettings.HTTP_MAX_ATTEMPTS, maxAttempts)
                .set(RemoteSettings.HTTP_RETRY_DELAY, firstDelayNs)
                .set(RemoteSettings.HTTP_RETRY_STATUS, Set.of(503))
                .build());
    }

    private void attempt() {
        task.begin(null, null);
    }

    @Test
    void shouldRetryTransportFailuresAndListedStatusesWithGrowingJitteredBackOff() {
        Retries retries = retries(4, 100_000_000L);
        attempt();
        long first = retries.delayBeforeRetryNs(task, CAUSE, 0);
        attempt();
        long second = retries.delayBeforeRetryNs(task, CAUSE, 503);
        attempt();
        long third = retries.delayBeforeRetryNs(task, CAUSE, 0);

        assertThat(first).isBetween(50_000_000L, 100_000_000L);
        assertThat(second).isBetween(100_000_000L, 200_000_000L);
        assertThat(third).isBetween(200_000_000L, 400_000_000L);
        assertThat(retries.count()).isEqualTo(3);
        attempt();
        assertThat(retries.delayBeforeRetryNs(task, CAUSE, 0)).as("after the last attempt").isNegative();
        assertThat(retries.finalFailure(task, CAUSE, 0).getMessage()).endsWith("(gave up after 4 attempts)");
    }

    @Test
    void shouldNotRetryUnlistedStatusesContradictionsOrCancelledTransfers() {
        Retries retries = retries(5, 1_000_000L);
        attempt();
        assertThat(retries.delayBeforeRetryNs(task, CAUSE, 404)).isNegative();
        assertThat(retries.delayBeforeRetryNs(task, CAUSE, -1)).isNegative();
        owner.cancelled = true;
        assertThat(retries.delayBeforeRetryNs(task, CAUSE, 0)).isNegative();
        assertThat(retries.count()).isZero();
        assertThat(retries.finalFailure(task, CAUSE, 0)).as("one attempt: the cause as it is").isSameAs(CAUSE);
    }

    @Test
    void shouldResendOnceOnANewConnectionWithoutCountingWhenAKeptAliveConnectionWasStale() {
        Retries retries = retries(1, 1_000_000L);
        Events events = new Events();
        task.begin(events, null);
        task.onFailure(new StaleConnectionException(CAUSE));

        assertThat(retries.delayBeforeRetryNs(task, events.failure, 0)).isZero();
        assertThat(task.needsNewConnection()).isTrue();
        assertThat(task.attempts()).as("the stale attempt does not count").isZero();
        assertThat(retries.count()).isZero();
        task.begin(events, null);
        assertThat(task.needsNewConnection()).isFalse();
        task.onFailure(new StaleConnectionException(CAUSE));
        assertThat(retries.delayBeforeRetryNs(task, events.failure, 0)).as("only once per task").isNegative();
    }

    @Test
    void shouldCapTheBackOff() {
        Retries retries = retries(100, 5_000_000_000L);
        for (int i = 0; i < 10; i++) {
            attempt();
        }
        assertThat(retries.delayBeforeRetryNs(task, CAUSE, 0)).isLessThanOrEqualTo(10_000_000_000L);
    }
}
