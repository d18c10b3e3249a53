package io.ferry.nvmf.internal.host;

import io.ferry.nvmf.internal.nvme.Connect;
import io.ferry.nvmf.internal.nvme.Opcode;
import io.ferry.nvmf.internal.nvme.Property;
import io.ferry.nvmf.internal.nvme.Sqe;
import io.ferry.nvmf.internal.nvme.Text;
import io.ferry.nvmf.internal.pdu.Le;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Submission queue entries a host sends (nvme-tcp-notes.md §4 to §6), written at index 0 of an SQE
 * buffer; the data pointer is filled in by {@link HostQueue#submit}. The CID is the queue's slot.
 */
public final class HostCommands {
    private HostCommands() {
    }

    /** Fabrics Connect with CATTR 0; its 1024 bytes of data come from {@link #connectData}. */
    public static void connect(ByteBuffer sqe, int cid, int qid, int queueSize, int keepAliveMs) {
        connect(sqe, cid, qid, queueSize, keepAliveMs, 0);
    }

    /** Fabrics Connect with connect attributes {@code cattr} (such as {@link Connect#CATTR_DISABLE_SQ_FLOW_CONTROL}). */
    public static void connect(ByteBuffer sqe, int cid, int qid, int queueSize, int keepAliveMs, int cattr) {
        fabrics(sqe, cid, Opcode.FCTYPE_CONNECT);
        Le.put16(sqe, Connect.QID, qid);
        Le.put16(sqe, Connect.SQSIZE, queueSize - 1);
        Le.put8(sqe, Connect.CATTR, cattr);
        Le.put32(sqe, Connect.KATO, keepAliveMs);
    }

    /** Connect data: host ID, CNTLID (0xFFFF on the admin queue), subsystem and host NQNs. */
    public static void connectData(ByteBuffer data, UUID hostId, int cntlid, String subsystemNqn, String hostNqn) {
        Le.zero(data, 0, Connect.DATA_LENGTH);
        Le.put64(data, Connect.DATA_HOSTID, Long.reverseBytes(hostId.getMostSignificantBits()));
        Le.put64(data, Connect.DATA_HOSTID + 8, Long.reverseBytes(hostId.getLeastSignificantBits()));
        Le.put16(data, Connect.DATA_CNTLID, cntlid);
        Text.put(data, Connect.DATA_SUBNQN, subsystemNqn, Connect.NQN_LENGTH, 0);
        Text.put(data, Connect.DATA_HOSTNQN, hostNqn, Connect.NQN_LENGTH, 0);
    }

    public static void propertyGet(ByteBuffer sqe, int cid, int offset, boolean eightBytes) {
        fabrics(sqe, cid, Opcode.FCTYPE_PROPERTY_GET);
        Le.put8(sqe, Property.ATTRIB, eightBytes ? 1 : 0);
        Le.put32(sqe, Property.OFST, offset);
    }

    public static void propertySet(ByteBuffer sqe, int cid, int offset, long value) {
        fabrics(sqe, cid, Opcode.FCTYPE_PROPERTY_SET);
        Le.put32(sqe, Property.OFST, offset);
        Le.put64(sqe, Property.VALUE, value);
    }

    private static void fabrics(ByteBuffer sqe, int cid, int fctype) {
        Sqe.start(sqe, Opcode.FABRICS, cid, 0);
        Le.put8(sqe, Sqe.FCTYPE, fctype);
    }

    public static void identify(ByteBuffer sqe, int cid, int cns, int nsid, int csi) {
        Sqe.start(sqe, Opcode.ADMIN_IDENTIFY, cid, nsid);
        Le.put32(sqe, Sqe.CDW10, cns);
        Le.put32(sqe, Sqe.CDW11, csi << 24);
    }

    public static void getFeatures(ByteBuffer sqe, int cid, int feature) {
        Sqe.start(sqe, Opcode.ADMIN_GET_FEATURES, cid, 0);
        Le.put32(sqe, Sqe.CDW10, feature);
    }

    public static void setFeatures(ByteBuffer sqe, int cid, int feature, int value) {
        Sqe.start(sqe, Opcode.ADMIN_SET_FEATURES, cid, 0);
        Le.put32(sqe, Sqe.CDW10, feature);
        Le.put32(sqe, Sqe.CDW11, value);
    }

    /** Get Log Page of {@code length} bytes (a multiple of 4) from byte {@code offset}. */
    public static void getLogPage(ByteBuffer sqe, int cid, int logId, int length, long offset) {
        Sqe.start(sqe, Opcode.ADMIN_GET_LOG_PAGE, cid, 0xFFFF_FFFF);
        int dwords = length / 4 - 1;
        Le.put32(sqe, Sqe.CDW10, logId | (dwords & 0xFFFF) << 16);
        Le.put32(sqe, Sqe.CDW11, dwords >>> 16);
        Le.put64(sqe, Sqe.CDW12, offset);
    }

    public static void asyncEventRequest(ByteBuffer sqe, int cid) {
        Sqe.start(sqe, Opcode.ADMIN_ASYNC_EVENT_REQUEST, cid, 0);
    }

    public static void keepAlive(ByteBuffer sqe, int cid) {
        Sqe.start(sqe, Opcode.ADMIN_KEEP_ALIVE, cid, 0);
    }

    public static void abort(ByteBuffer sqe, int cid, int sqid, int abortedCid) {
        Sqe.start(sqe, Opcode.ADMIN_ABORT, cid, 0);
        Le.put32(sqe, Sqe.CDW10, sqid | abortedCid << 16);
    }

    /** Read or Write of {@code blocks} blocks from {@code slba}. */
    public static void readWrite(ByteBuffer sqe, int cid, boolean write, int nsid, long slba, int blocks) {
        Sqe.start(sqe, write ? Opcode.IO_WRITE : Opcode.IO_READ, cid, nsid);
        Le.put64(sqe, Sqe.CDW10, slba);
        Le.put32(sqe, Sqe.CDW12, blocks - 1);
    }

    public static void flush(ByteBuffer sqe, int cid, int nsid) {
        Sqe.start(sqe, Opcode.IO_FLUSH, cid, nsid);
    }

    public static void writeZeroes(ByteBuffer sqe, int cid, int nsid, long slba, int blocks) {
        Sqe.start(sqe, Opcode.IO_WRITE_ZEROES, cid, nsid);
        Le.put64(sqe, Sqe.CDW10, slba);
        Le.put32(sqe, Sqe.CDW12, blocks - 1);
    }

    /** Dataset Management with {@code ranges} 16-byte ranges in the data; {@code deallocate} sets AD. */
    public static void datasetManagement(ByteBuffer sqe, int cid, int nsid, int ranges, boolean deallocate) {
        Sqe.start(sqe, Opcode.IO_DATASET_MANAGEMENT, cid, nsid);
        Le.put32(sqe, Sqe.CDW10, ranges - 1);
        Le.put32(sqe, Sqe.CDW11, deallocate ? 0x4 : 0);
    }

    /** Writes Dataset Management range {@code index}: length in blocks and starting LBA. */
    public static void range(ByteBuffer data, int index, long slba, int blocks) {
        Le.put32(data, index * 16, 0);
        Le.put32(data, index * 16 + 4, blocks);
        Le.put64(data, index * 16 + 8, slba);
    }
}
