/**
 * The built-in file engines, each an {@link io.ferry.spi.IoEngine} over one kernel interface
 * through FFM downcalls (no JNI): positional pread/pwrite, io_uring rings, Linux AIO, and
 * {@code auto}. A queue is owned by one thread; probing support never throws.
 */
package io.ferry.file.engine;
