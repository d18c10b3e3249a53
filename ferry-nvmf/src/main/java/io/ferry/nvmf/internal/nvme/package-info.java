/**
 * NVMe and NVMe over Fabrics structures, modelled literally: submission and completion queue
 * entries, SGL descriptors, status codes, opcodes, Connect, properties, Identify pages, log pages
 * and features, each with named offsets citing nvme-tcp-notes.md. Not an API. Fields are read and
 * written little-endian at absolute indexes of a {@link java.nio.ByteBuffer}; nothing allocates.
 */
package io.ferry.nvmf.internal.nvme;
