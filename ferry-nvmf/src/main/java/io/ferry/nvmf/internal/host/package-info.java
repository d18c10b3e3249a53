/**
 * The host (initiator) side of the NVMe/TCP protocol: command capsules built into reusable
 * buffers ({@link io.ferry.nvmf.internal.host.HostCommands}) and one queue's protocol engine
 * ({@link io.ferry.nvmf.internal.host.HostQueue}: ICReq, capsules with or without in-capsule data,
 * R2T answered with H2CData, C2HData, responses), sharing the PDU classes and the receive state
 * machine with the target. Not an API: the host's connection handling and its transfer backend
 * build on it.
 */
package io.ferry.nvmf.internal.host;
