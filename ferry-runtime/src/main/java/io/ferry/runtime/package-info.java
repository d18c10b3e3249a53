/**
 * The runtime: the one place in Ferry that creates threads. It gives each of the libraries' passive
 * {@linkplain io.ferry.poll.PollGroup poll groups} a platform thread that polls it and idles through
 * an {@linkplain io.ferry.poll.IdleStrategy idle strategy} in the group's one
 * {@linkplain io.ferry.poll.Waiter waiter}; {@link io.ferry.runtime.FerryRuntime#newAgent} makes agents
 * whose components its groups drive. Adapters turn a transfer into a
 * {@link java.util.concurrent.CompletableFuture} ({@link io.ferry.runtime.TransferFutures}) or a
 * blocking call ({@link io.ferry.runtime.BlockingTransfers}).
 *
 * <p>Threading rules: a component belongs to exactly one poll group and is started, polled and
 * closed only by that group's thread; it crosses to the group through the group's bounded inbox.
 * An idle strategy instance belongs to one thread. Errors thrown inside a duty cycle go to an
 * {@link io.ferry.poll.ErrorHandler} on the group's thread and are counted; they never stop the
 * thread. Closing the runtime stops and joins its threads and must not be done from one of them.
 *
 * <p>Nulls: no method accepts or returns null unless its documentation says so.
 */
package io.ferry.runtime;
