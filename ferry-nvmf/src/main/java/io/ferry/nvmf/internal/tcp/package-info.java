/**
 * NVMe/TCP on ferry-net: {@link io.ferry.nvmf.internal.tcp.ConnectionTransport} makes a ferry-net
 * {@link io.ferry.net.Connection} the {@link io.ferry.nvmf.internal.pdu.PduTransport} of a protocol
 * handler (a host queue or a target queue pair). Not an API.
 */
package io.ferry.nvmf.internal.tcp;
