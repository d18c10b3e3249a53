/**
 * The transfer API: {@link io.ferry.Agent} owns backends, memory registrations and transfers;
 * a {@link io.ferry.Descriptor} pairs a memory slice with a target extent; a
 * {@link io.ferry.Transfer} is prepared once and posted many times. Failures are
 * {@link io.ferry.FerryException}s with stable {@link io.ferry.ErrorCode}s.
 *
 * <p>Threads: nothing here starts a thread, sleeps or waits on I/O, except the explicit blocking
 * convenience {@link io.ferry.Transfer#await()}. Who makes progress is chosen once per agent
 * ({@link io.ferry.ThreadingMode}): the caller, through {@link io.ferry.Agent#poll()}, or poll
 * groups that others drive (see {@link io.ferry.poll}). Control calls (attach, register, prepare,
 * post, release, close) are made by one thread at a time.
 *
 * <p>Nulls: no method accepts or returns null unless its documentation says so.
 */
package io.ferry;
