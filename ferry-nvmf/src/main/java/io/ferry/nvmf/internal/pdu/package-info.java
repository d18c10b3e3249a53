/**
 * The NVMe/TCP wire protocol, modelled literally: one small class per PDU type whose offset
 * constants cite the section of {@code nvme-tcp-notes.md} (NVMe/TCP transport specification 1.0)
 * they follow, CRC32C digests, the receive state machine shared by the target and the host, and the
 * connection interface ({@link io.ferry.nvmf.internal.pdu.PduTransport}) through which bytes come
 * and go. Not an API. All fields are little-endian; nothing here allocates per PDU.
 */
package io.ferry.nvmf.internal.pdu;
