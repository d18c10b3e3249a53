/**
 * Block devices behind namespaces: a small SPI ({@link io.ferry.nvmf.device.BlockDevice} and its
 * per-poll-group {@link io.ferry.nvmf.device.BlockChannel}) and three devices: memory, null and a
 * file driven by ferry-file's engines. Operations are submitted with primitives and complete
 * through a {@link io.ferry.nvmf.device.BlockCompletion} that takes primitives, during the
 * channel's {@code poll()}, never inside the submitting call. A device may be shared by many
 * poll groups; each channel is owned by the one that opened it. Nothing here starts a thread.
 */
package io.ferry.nvmf.device;
