package io.ferry.remote;

import io.ferry.FerryException;
import io.ferry.settings.Settings;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The retry rule of every engine: which failures are retried, how often, and how long to back off
 * (exponential with jitter). Retries are counted and logged, never printed.
 */
final class Retries {
    private static final System.Logger LOG = System.getLogger(Retries.class.getName());
    private static final long MAX_DELAY_NS = 10_000_000_000L;

    private final Set<Integer> statuses;
    private final int maxAttempts;
    private final long firstDelayNs;
    private final LongAdder count = new LongAdder();

    Retries(Settings settings) {
        this.statuses = settings.get(RemoteSettings.HTTP_RETRY_STATUS);
        this.maxAttempts = settings.get(RemoteSettings.HTTP_MAX_ATTEMPTS);
        this.firstDelayNs = settings.get(RemoteSettings.HTTP_RETRY_DELAY);
    }

    /**
     * How long to wait before the task's next attempt, or -1 when it must fail now. {@code status}
     * is as in {@link HttpTask.TaskEvents#attemptFailed}.
     */
    long delayBeforeRetryNs(HttpTask task, FerryException cause, int status) {
        if (task.owner().isCancelled()) {
            return -1;
        }
        if (task.resendOnNewConnection()) {
            LOG.log(System.Logger.Level.DEBUG, () -> "sending again on a new connection (not counted as an attempt): "
                    + cause.getMessage());
            return 0;
        }
        boolean retryable = status == 0 || statuses.contains(status);
        if (!retryable || task.attempts() >= maxAttempts) {
            return -1;
        }
        count.increment();
        long ceiling = Math.min(MAX_DELAY_NS, firstDelayNs << Math.min(task.attempts() - 1, 20));
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        LOG.log(System.Logger.Level.DEBUG, () -> "retrying in " + delay / 1_000_000 + " ms (attempt " + (task.attempts() + 1)
                + " of " + maxAttempts + "): " + cause.getMessage());
        return delay;
    }

    /**
     * The failure to report once no retry is left. When a transport failure ({@code status} 0)
     * came after an answer of the server, the report is that answer, the server's real word, and
     * names the transport failure after it.
     */
    FerryException finalFailure(HttpTask task, FerryException cause, int status) {
        HttpStatusException answer = task.lastAnswer();
        if (status == 0 && answer != null) {
            return new HttpStatusException(answer.status(), answer.getMessage() + " (gave up after " + task.attempts()
                    + " attempts; the last one failed: " + cause.getMessage() + ")");
        }
        if (task.attempts() <= 1) {
            return cause;
        }
        String message = cause.getMessage() + " (gave up after " + task.attempts() + " attempts)";
        return cause instanceof HttpStatusException refused
                ? new HttpStatusException(refused.status(), message)
                : new FerryException(cause.errorCode(), message, cause);
    }

    /**
     * A bound on a control call's wait that only a fault of ours can reach: each of at most two
     * requests per redirect of an open has every attempt connect and wait for its answer, each
     * within {@code timeoutNs}, and back off at most {@link #MAX_DELAY_NS} before the next.
     */
    Duration controlCallBound(long timeoutNs) {
        long requests = 2L * (ObjectOpening.MAX_REDIRECTS + 1);
        return Duration.ofNanos(requests * maxAttempts * (2 * timeoutNs + MAX_DELAY_NS));
    }

    /** Retries so far, over all tasks. */
    long count() {
        return count.sum();
    }
}
