package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The credentials that sign requests, kept between refreshes as the AWS SDKs keep them, without
 * ever blocking a duty cycle (see docs/design/credentials.md):
 * <ul>
 * <li>{@link #await()}, for control calls (open, create, post), blocks to ask the source when
 * there are no credentials yet or they expire within {@link #MANDATORY}; within
 * {@link #ADVISORY} it hands the refresh to the executor, or without one refreshes on the spot and
 * keeps the old credentials if that fails;</li>
 * <li>{@link #current()}, for whoever signs (duty cycles included), returns the credentials at
 * hand at once and, within {@link #ADVISORY}, hands a refresh to the executor, if there is one.</li>
 * </ul>
 * Credentials without an expiration are never refreshed. After a failed refresh, and after a
 * refresh that brought credentials already due (a source that renews late), the source is not
 * asked again for {@link #RETRY_DELAY}, unless the credentials expired; the first credentials,
 * even when they arrive due, do not wait. Thread-safe; refreshes never overlap.
 */
final class RefreshingCredentials {
    /** How long before expiry a refresh is started without waiting for it. */
    static final Duration ADVISORY = Duration.ofMinutes(5);
    /** How long before expiry control calls wait for fresh credentials. */
    static final Duration MANDATORY = Duration.ofMinutes(1);
    /** The least time between two refreshes that failed or brought credentials already due. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(RefreshingCredentials.class.getName());

    private final AwsCredentialsProvider source;
    private final Executor executor;
    private final InstantSource clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile AwsCredentials current;
    private volatile Instant nextAttempt = Instant.MIN;
    private volatile String lastFailure;

    /**
     * @param executor where refreshes run while transfers sign, or null: credentials are then
     *                 refreshed by control calls only
     */
    RefreshingCredentials(AwsCredentialsProvider source, Executor executor, InstantSource clock) {
        this.source = source;
        this.executor = executor;
        this.clock = clock;
    }

    /** For control calls: credentials fit to sign with, asking the source (and waiting) when they are due. */
    AwsCredentials await() {
        Instant now = clock.instant();
        AwsCredentials credentials = current;
        if (credentials == null || isExpired(credentials, now) || (isDue(credentials, MANDATORY, now) && mayAsk(now))) {
            return refresh(true);
        }
        if (isDue(credentials, ADVISORY, now) && mayAsk(now)) {
            if (executor != null) {
                schedule(now);
            } else {
                return refresh(false);
            }
        }
        return credentials;
    }

    /**
     * For signing: the credentials at hand, at once; never asks the source on this thread.
     *
     * @throws IllegalStateException before the first {@link #await()}
     */
    AwsCredentials current() {
        AwsCredentials credentials = current;
        if (credentials == null) {
            throw new IllegalStateException("credentials are resolved by a control call before anything is signed");
        }
        if (executor != null && credentials.expiration() != null) {
            Instant now = clock.instant();
            if (isDue(credentials, ADVISORY, now) && mayAsk(now)) {
                schedule(now);
            }
        }
        return credentials;
    }

    /** The credentials at hand, or null before the first {@link #await()}; for messages and tests. */
    AwsCredentials peek() {
        return current;
    }

    String describeSource() {
        return source.describe();
    }

    /** Why the last refresh failed, or null when it did not. */
    String lastFailure() {
        return lastFailure;
    }

    private void schedule(Instant now) {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::refreshInBackground);
            } catch (RejectedExecutionException e) {
                scheduled.set(false);
                failed(now, "the refresh executor refused the refresh");
            }
        }
    }

    private void refreshInBackground() {
        try {
            refresh(false);
        } finally {
            scheduled.set(false);
        }
    }

    /** Asks the source unless another caller just did; {@code mandatory}: a failure is thrown, else logged. */
    private AwsCredentials refresh(boolean mandatory) {
        refreshing.lock();
        try {
            Instant now = clock.instant();
            AwsCredentials held = current;
            if (held != null && !isExpired(held, now) && (!isDue(held, mandatory ? MANDATORY : ADVISORY, now) || !mayAsk(now))) {
                return held; // refreshed while this caller waited for the lock
            }
            try {
                AwsCredentials fresh = source.resolveCredentials();
                if (isExpired(fresh, now)) {
                    throw new FerryException(ErrorCode.ACCESS_DENIED, source.describe() + ": gave credentials that expired at "
                            + fresh.expiration());
                }
                current = fresh;
                lastFailure = null;
                nextAttempt = held != null && isDue(fresh, ADVISORY, now) ? now.plus(RETRY_DELAY) : Instant.MIN;
                return fresh;
            } catch (FerryException e) {
                failed(now, e.getMessage());
                if (mandatory || held == null) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "keeping the AWS credentials that expire at " + held.expiration()
                        + ": refreshing them failed: " + e.getMessage());
                return held;
            }
        } finally {
            refreshing.unlock();
        }
    }

    private void failed(Instant now, String why) {
        lastFailure = why;
        nextAttempt = now.plus(RETRY_DELAY);
    }

    private boolean mayAsk(Instant now) {
        return !now.isBefore(nextAttempt);
    }

    private static boolean isDue(AwsCredentials credentials, Duration window, Instant now) {
        return credentials.expiration() != null && !now.plus(window).isBefore(credentials.expiration());
    }

    private static boolean isExpired(AwsCredentials credentials, Instant now) {
        return credentials.expiration() != null && !now.isBefore(credentials.expiration());
    }
}
