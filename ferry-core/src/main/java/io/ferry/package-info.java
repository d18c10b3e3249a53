/**
 * The transfer API: {@link io.ferry.Agent} owns backends, memory registrations and transfers;
 * a {@link io.ferry.Descriptor} pairs a memory slice with a target extent; a
 * {@link io.ferry.Transfer} is prepared once and posted many times. Failures are
 * {@link io.ferry.FerryException}s with stable {@link io.ferry.ErrorCode}s.
 *
 * <p>Threads: nothing here starts a thread, sleeps or waits on I/O, except the explicit blocking
 * convenience {@link io.ferry.Transfer#await()}. Progress is {@link io.ferry.Agent#poll()} on the
 * caller's thread, or the poll groups of a runtime after {@link io.ferry.Agent#handOffProgress()}.
 * Control calls (attach, register, prepare, post, release, close) are made by one thread at a time.
 *
 * <p>Nulls: no method accepts or returns null unless its documentation says so.
 */
package io.ferry;
