package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import static io.ferry.remote.s3.FerryFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

/** When credentials are renewed, by whom, and that whoever signs never waits for their source. */
class RefreshingCredentialsTest {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final ScriptedSource source = new ScriptedSource();
    private final ManualExecutor executor = new ManualExecutor();
    private Instant now = START;
    private final InstantSource clock = () -> now;

    private static AwsCredentials expiringAt(String id, Instant expiration) {
        return new AwsCredentials(id, "secret-" + id, "token-" + id, expiration);
    }

    private RefreshingCredentials withExecutor() {
        return new RefreshingCredentials(source, executor, clock);
    }

    private RefreshingCredentials withoutExecutor() {
        return new RefreshingCredentials(source, null, clock);
    }

    @Test
    void shouldAskTheSourceOnceForCredentialsThatDoNotExpire() {
        source.answer(new AwsCredentials("STATIC", "secret", null));
        RefreshingCredentials credentials = withExecutor();

        credentials.await();
        now = START.plus(Duration.ofDays(400));
        credentials.await();
        credentials.current();

        assertThat(source.asked()).isEqualTo(1);
        assertThat(executor.pending()).isZero();
    }

    @Test
    void shouldLeaveFreshCredentialsAloneUntilTheAdvisoryWindow() {
        source.answer(expiringAt("FIRST", START.plus(Duration.ofHours(1))));
        RefreshingCredentials credentials = withExecutor();
        credentials.await();

        now = START.plus(Duration.ofMinutes(54));
        assertThat(credentials.current().accessKeyId()).isEqualTo("FIRST");
        assertThat(credentials.await().accessKeyId()).isEqualTo("FIRST");

        assertThat(source.asked()).isEqualTo(1);
        assertThat(executor.pending()).isZero();
    }

    @Test
    void shouldHandTheRefreshToTheExecutorWhenSigningInTheAdvisoryWindow() {
        source.answer(expiringAt("FIRST", START.plus(Duration.ofHours(1)))).answer(expiringAt("SECOND", START.plus(Duration.ofHours(2))));
        RefreshingCredentials credentials = withExecutor();
        credentials.await();
        now = START.plus(Duration.ofMinutes(56));

        AwsCredentials signedWith = credentials.current();
        credentials.current();

        assertThat(signedWith.accessKeyId()).isEqualTo("FIRST");
        assertThat(source.asked()).isEqualTo(1);
        assertThat(executor.pending()).as("one refresh at a time").isEqualTo(1);
        executor.runAll();
        assertThat(credentials.current().accessKeyId()).isEqualTo("SECOND");
        assertThat(source.asked()).isEqualTo(2);
    }

    @Test
    void shouldNeverAskTheSourceOnTheSigningThreadEvenWhenTheCredentialsExpired() {
        source.answer(expiringAt("FIRST", START.plus(Duration.ofHours(1))));
        RefreshingCredentials credentials = withoutExecutor();
        credentials.await();

        now = START.plus(Duration.ofMinutes(59));
        AwsCredentials inMandatoryWindow = credentials.current();
        now = START.plus(Duration.ofMinutes(61));
        AwsCredentials expired = credentials.current();

        assertThat(inMandatoryWindow.accessKeyId()).isEqualTo("FIRST");
        assertThat(expired.accessKeyId()).isEqualTo("FIRST");
        assertThat(source.asked()).isEqualTo(1);
    }

    @Test
    void shouldScheduleWithoutWaitingOnAControlCallInTheAdvisoryWindow() {
        source.answer(expiringAt("FIRST", START.plus(Duration.ofHours(1)))).answer(expiringAt("SECOND", START.plus(Duration.ofHours(2))));
        RefreshingCredentials credentials = withExecutor();
        credentials.await();
        now = START.plus(Duration.ofMinutes(57));

        assertThat(credentials.await().accessKeyId()).isEqualTo("FIRST");
        assertThat(source.asked()).isEqualTo(1);
        assertThat(executor.pending()).isEqualTo(1);
    }

    @Test
    void shouldRefreshOnTheControlThreadInTheAdvisoryWindowWithoutAnExecutor() {
        source.answer(expiringAt("FIRST", START.plus(Duration.ofHours(1)))).answer(expiringAt("SECOND", START.plus(Duration.ofHours(2))));
        RefreshingCredentials credentials = withoutExecutor();
        credentials.await();
        now = START.plus(Duration.ofMinutes(57));

        assertThat(credentials.await().accessKeyId()).isEqualTo("SECOND");
        assertThat(source.lastCaller()).isSameAs(Thread.currentThread());
    }

    @Test
    void shouldMakeAControlCallWaitInTheMandatoryWindowEvenWithAnExecutor() {
        source.answer(expiringAt("FIRST", START.plus(Duration.ofHours(1)))).answer(expiringAt("SECOND", START.plus(Duration.ofHours(2))));
        RefreshingCredentials credentials = withExecutor();
        credentials.await();
        now = START.plus(Duration.ofSeconds(3545));

        assertThat(credentials.await().accessKeyId()).isEqualTo("SECOND");
        assertThat(executor.pending()).isZero();
    }

    @Test
    void shouldKeepTheOldCredentialsAndRetryLaterWhenAnAdvisoryRefreshFails() {
        source.answer(expiringAt("FIRST", START.plus(Duration.ofHours(1)))).fail("STS is down")
                .answer(expiringAt("SECOND", START.plus(Duration.ofHours(2))));
        RefreshingCredentials credentials = withoutExecutor();
        credentials.await();
        now = START.plus(Duration.ofMinutes(56));

        assertThat(credentials.await().accessKeyId()).isEqualTo("FIRST");
        assertThat(credentials.lastFailure()).contains("STS is down");
        now = now.plus(RefreshingCredentials.RETRY_DELAY.minusSeconds(1));
        assertThat(credentials.await().accessKeyId()).as("no new attempt within the retry delay").isEqualTo("FIRST");
        assertThat(source.asked()).isEqualTo(2);
        now = now.plusSeconds(1);
        assertThat(credentials.await().accessKeyId()).isEqualTo("SECOND");
        assertThat(credentials.lastFailure()).isNull();
    }

    @Test
    void shouldFailAControlCallWhenTheMandatoryRefreshFails() {
        source.answer(expiringAt("FIRST", START.plus(Duration.ofHours(1)))).fail("STS is down");
        RefreshingCredentials credentials = withExecutor();
        credentials.await();
        now = START.plus(Duration.ofSeconds(3590));

        assertFails(credentials::await, ErrorCode.IO_ERROR).hasMessage("scripted source: STS is down");
    }

    @Test
    void shouldRefuseCredentialsThatExpiredBeforeTheyArrived() {
        source.answer(expiringAt("STALE", START.minusSeconds(1)));

        assertFails(withoutExecutor()::await, ErrorCode.ACCESS_DENIED)
                .hasMessage("scripted source: gave credentials that expired at 2029-12-31T23:59:59Z");
    }

    @Test
    void shouldAskALateSourceAgainOnceAndThenOnlyAfterTheRetryDelay() {
        Instant soon = START.plus(Duration.ofMinutes(3));
        source.answer(expiringAt("DUE", soon)).answer(expiringAt("STILL-DUE", soon)).answer(expiringAt("FRESH", START.plus(Duration.ofHours(1))));
        RefreshingCredentials credentials = withExecutor();
        credentials.await();

        credentials.current();
        executor.runAll();
        credentials.current();
        assertThat(executor.pending()).as("the source renewed late: it is not asked again at once").isZero();
        now = now.plus(RefreshingCredentials.RETRY_DELAY);
        credentials.current();
        executor.runAll();

        assertThat(credentials.current().accessKeyId()).isEqualTo("FRESH");
        assertThat(source.asked()).isEqualTo(3);
    }

    @Test
    void shouldRetryARefreshTheExecutorFailedOnlyAfterTheRetryDelay() {
        source.answer(expiringAt("FIRST", START.plus(Duration.ofHours(1)))).fail("STS is down")
                .answer(expiringAt("SECOND", START.plus(Duration.ofHours(2))));
        RefreshingCredentials credentials = withExecutor();
        credentials.await();
        now = START.plus(Duration.ofMinutes(56));
        credentials.current();
        executor.runAll();

        credentials.current();
        assertThat(executor.pending()).isZero();
        now = now.plus(RefreshingCredentials.RETRY_DELAY);
        credentials.current();
        executor.runAll();

        assertThat(credentials.current().accessKeyId()).isEqualTo("SECOND");
    }
}
