/**
 * The runtime: the one place in Ferry that creates threads. It gives the passive duty cycles of
 * the libraries ({@link io.ferry.Pollable}) to {@linkplain io.ferry.runtime.PollGroup poll groups},
 * one platform thread each, that wait between cycles through an
 * {@linkplain io.ferry.runtime.IdleStrategy idle strategy}; {@link io.ferry.runtime.FerryRuntime}
 * assigns the components of an {@link io.ferry.Agent} to its groups. Adapters turn a transfer into
 * a {@link java.util.concurrent.CompletableFuture} ({@link io.ferry.runtime.TransferFutures}) or a
 * blocking call ({@link io.ferry.runtime.BlockingTransfers}).
 *
 * <p>Threading rules: a pollable belongs to exactly one poll group and is polled only by that
 * group's thread; it crosses to the group through the group's bounded hand-off queue. An idle
 * strategy instance belongs to one thread. Errors thrown inside a duty cycle go to an
 * {@link io.ferry.runtime.ErrorHandler} on the group's thread and are counted; they never stop the
 * thread. Closing a group or runtime stops and joins its threads and must not be done from one of
 * them.
 *
 * <p>Nulls: no method accepts or returns null unless its documentation says so.
 */
package io.ferry.runtime;
