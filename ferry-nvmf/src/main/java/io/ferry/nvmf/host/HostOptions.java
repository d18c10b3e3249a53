package io.ferry.nvmf.host;

import java.util.UUID;

/**
 * How the host connects: its identity, the queue's shape and how long it reconnects.
 *
 * @param hostId             the host identifier sent in Connect
 * @param hostNqn            the host NQN sent in Connect
 * @param queueDepth         commands kept outstanding on the I/O queue (capped by the controller's CAP.MQES)
 * @param headerDigest       CRC32C of every PDU header
 * @param dataDigest         CRC32C of every PDU's data
 * @param reconnectTimeoutNs how long a lost connection is retried before its I/O fails (0: not retried)
 */
record HostOptions(UUID hostId, String hostNqn, int queueDepth, boolean headerDigest, boolean dataDigest,
                   long reconnectTimeoutNs) {
}
