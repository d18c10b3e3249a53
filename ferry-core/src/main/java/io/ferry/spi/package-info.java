/**
 * For implementers of backends and engines: the {@link io.ferry.spi.Backend} a transfer's
 * descriptors are handed to, the minimal {@link io.ferry.spi.IoQueue} over one low-level I/O
 * primitive, the explicit {@link io.ferry.spi.IoEngineRegistry}, and the
 * {@link io.ferry.spi.BounceBufferPool}. Queues and pools are owned by one thread; the contracts
 * (partial submission, raw results, who owns memory) are in each type's documentation.
 */
package io.ferry.spi;
