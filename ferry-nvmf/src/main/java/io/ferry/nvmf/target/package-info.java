/**
 * A passive NVMe/TCP target library, modelled on SPDK's lib/nvmf: a {@link io.ferry.nvmf.target.Target}
 * holds {@link io.ferry.nvmf.target.Subsystem}s with {@link io.ferry.nvmf.target.Namespace}s over
 * block devices, and {@link io.ferry.nvmf.target.TargetGroup}s serve connections, each polled by
 * one thread the application chooses. The public classes are the API; the package-private ones
 * (controller, queue pair, request and its states, the command handlers) are the internals, kept
 * in this package as SPDK keeps {@code nvmf_internal.h} beside {@code nvmf.h}. Nothing here starts a
 * thread, sleeps or reads a clock: time comes in as an argument of {@code poll}. Configuration
 * objects are thread-safe; a group and its connections belong to the thread that polls it.
 */
package io.ferry.nvmf.target;
