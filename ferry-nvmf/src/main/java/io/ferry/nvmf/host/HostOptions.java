package io.ferry.nvmf.host;

import java.util.UUID;

/**
 * How the host connects: its identity and the queue's shape.
 *
 * @param hostId       the host identifier sent in Connect
 * @param hostNqn      the host NQN sent in Connect
 * @param queueDepth   commands kept outstanding on the I/O queue (capped by the controller's CAP.MQES)
 * @param headerDigest CRC32C of every PDU header
 * @param dataDigest   CRC32C of every PDU's data
 */
record HostOptions(UUID hostId, String hostNqn, int queueDepth, boolean headerDigest, boolean dataDigest) {
}
