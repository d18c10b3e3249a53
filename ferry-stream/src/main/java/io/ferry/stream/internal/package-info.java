/**
 * Internals shared by the stream's sides; not for applications. {@link io.ferry.stream.internal.WriteCache}
 * keeps prepared ferry-file write transfers per buffer and moves them along with
 * {@link io.ferry.Transfer#retarget}, so positional writes allocate nothing in the steady state.
 *
 * <p>Threads: confined to the thread that owns the component using them.
 */
package io.ferry.stream.internal;
