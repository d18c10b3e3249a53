package io.ferry.nvmf.target;

import io.ferry.nvmf.internal.nvme.Identify;
import io.ferry.nvmf.internal.nvme.IdentifyController;
import io.ferry.nvmf.internal.nvme.IdentifyNamespace;
import io.ferry.nvmf.internal.nvme.Property;
import io.ferry.nvmf.internal.nvme.Sqe;
import io.ferry.nvmf.internal.nvme.Status;
import io.ferry.nvmf.internal.nvme.Text;
import io.ferry.nvmf.internal.pdu.Le;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * The Identify pages (nvme-tcp-notes.md §5.2, §5.3), with the fields real hosts check: CNTLID as
 * at Connect, KAS non-zero, IOCCSZ, ICDOFF 0, SGLS, MDTS, and unique namespace IDs (NGUID, UUID).
 */
final class IdentifyPages {
    /** Firmware revision reported in Identify and the firmware slot log. */
    static final String FIRMWARE_REVISION = "0.1";

    private IdentifyPages() {
    }

    /** Writes page {@code cns} into the request's data; returns a status. */
    static int write(QueuePair queue, Controller controller, Request r, int cns) {
        ByteBuffer page = r.data.view();
        Le.zero(page, 0, Identify.PAGE_LENGTH);
        int nsid = Sqe.nsid(r.sqe);
        Subsystem subsystem = controller.subsystem();
        return switch (cns) {
            case Identify.CNS_CONTROLLER -> controller(page, controller, queue.group().target().options());
            case Identify.CNS_NAMESPACE -> namespace(page, subsystem, nsid);
            case Identify.CNS_ACTIVE_NAMESPACES -> activeNamespaces(page, subsystem, nsid);
            case Identify.CNS_NAMESPACE_DESCRIPTORS -> descriptors(page, subsystem, nsid);
            case Identify.CNS_IO_COMMAND_SET_CONTROLLER ->
                    Identify.csi(Sqe.cdw(r.sqe, Sqe.CDW11)) == 0 ? Status.SUCCESS : Status.INVALID_FIELD;
            default -> Status.INVALID_FIELD;
        };
    }

    private static int controller(ByteBuffer page, Controller controller, TargetOptions options) {
        Subsystem subsystem = controller.subsystem();
        boolean discovery = subsystem.isDiscovery();
        Text.put(page, IdentifyController.SN, subsystem.serialNumber(), IdentifyController.SN_LENGTH, ' ');
        Text.put(page, IdentifyController.MN, subsystem.modelNumber(), IdentifyController.MN_LENGTH, ' ');
        Text.put(page, IdentifyController.FR, FIRMWARE_REVISION, IdentifyController.FR_LENGTH, ' ');
        Le.put8(page, IdentifyController.RAB, 6);
        Le.put8(page, IdentifyController.CMIC, 0x03);
        Le.put8(page, IdentifyController.MDTS, options.mdts());
        Le.put16(page, IdentifyController.CNTLID, controller.cntlid());
        Le.put32(page, IdentifyController.VER, Property.VERSION_2_0);
        Le.put32(page, IdentifyController.OAES, discovery ? IdentifyController.OAES_DISCOVERY_CHANGE
                : IdentifyController.OAES_NAMESPACE_ATTRIBUTE);
        Le.put32(page, IdentifyController.CTRATT, 1);
        Le.put8(page, IdentifyController.CNTRLTYPE, discovery ? IdentifyController.CNTRLTYPE_DISCOVERY
                : IdentifyController.CNTRLTYPE_IO);
        Le.put8(page, IdentifyController.ACL, 3);
        Le.put8(page, IdentifyController.AERL, Controller.AER_LIMIT - 1);
        Le.put8(page, IdentifyController.FRMW, 0x03);
        Le.put8(page, IdentifyController.LPA, discovery ? IdentifyController.LPA_DISCOVERY : IdentifyController.LPA_SUPPORTED);
        Le.put8(page, IdentifyController.ELPE, 127);
        Le.put16(page, IdentifyController.KAS, 1);
        Le.put8(page, IdentifyController.SQES, 0x66);
        Le.put8(page, IdentifyController.CQES, 0x44);
        Le.put16(page, IdentifyController.MAXCMD, options.maxQueueDepth());
        Text.put(page, IdentifyController.SUBNQN, subsystem.nqn(), 256, 0);
        Le.put32(page, IdentifyController.IOCCSZ, 4 + options.inCapsuleDataSize() / 16);
        Le.put32(page, IdentifyController.IORCSZ, 1);
        Le.put8(page, IdentifyController.MSDBD, 1);
        Le.put32(page, IdentifyController.SGLS, IdentifyController.SGLS_SUPPORTED);
        if (!discovery) {
            Le.put32(page, IdentifyController.NN, Subsystem.MAX_NAMESPACES);
            Le.put16(page, IdentifyController.ONCS, IdentifyController.ONCS_DSM_WRITE_ZEROES);
            Le.put8(page, IdentifyController.VWC, IdentifyController.VWC_PRESENT);
        }
        return Status.SUCCESS;
    }

    private static boolean validNsid(int nsid) {
        return nsid >= 1 && nsid <= Subsystem.MAX_NAMESPACES;
    }

    /** An inactive NSID in range reads as zeroes, as SPDK answers. */
    private static int namespace(ByteBuffer page, Subsystem subsystem, int nsid) {
        if (!validNsid(nsid)) {
            return Status.INVALID_NAMESPACE;
        }
        Namespace namespace = subsystem.namespace(nsid);
        if (namespace == null) {
            return Status.SUCCESS;
        }
        long blocks = namespace.device().blockCount();
        Le.put64(page, IdentifyNamespace.NSZE, blocks);
        Le.put64(page, IdentifyNamespace.NCAP, blocks);
        Le.put64(page, IdentifyNamespace.NUSE, blocks);
        Le.put8(page, IdentifyNamespace.NMIC, 1);
        putUuid(page, IdentifyNamespace.NGUID, namespace.nguid());
        int lbads = Integer.numberOfTrailingZeros(namespace.device().blockSize());
        Le.put32(page, IdentifyNamespace.LBAF0, lbads << 16);
        return Status.SUCCESS;
    }

    private static int activeNamespaces(ByteBuffer page, Subsystem subsystem, int after) {
        if (Integer.compareUnsigned(after, 0xFFFF_FFFE) >= 0) {
            return Status.INVALID_NAMESPACE;
        }
        int at = 0;
        for (Namespace namespace : subsystem.namespaces()) {
            if (Integer.compareUnsigned(namespace.nsid(), after) > 0 && at < Identify.PAGE_LENGTH) {
                Le.put32(page, at, namespace.nsid());
                at += 4;
            }
        }
        return Status.SUCCESS;
    }

    private static int descriptors(ByteBuffer page, Subsystem subsystem, int nsid) {
        Namespace namespace = subsystem.namespace(nsid);
        if (namespace == null) {
            return Status.INVALID_NAMESPACE;
        }
        int at = descriptor(page, 0, Identify.NIDT_NGUID, 16);
        putUuid(page, at, namespace.nguid());
        at = descriptor(page, at + 16, Identify.NIDT_UUID, 16);
        putUuid(page, at, namespace.uuid());
        descriptor(page, at + 16, Identify.NIDT_CSI, 1);
        return Status.SUCCESS;
    }

    /** Writes a descriptor header (NIDT, NIDL, reserved); returns where its NID goes. */
    private static int descriptor(ByteBuffer page, int at, int type, int length) {
        Le.put8(page, at, type);
        Le.put8(page, at + 1, length);
        return at + 4;
    }

    /** A UUID's 16 bytes, most significant first. */
    private static void putUuid(ByteBuffer page, int at, UUID uuid) {
        Le.put64(page, at, Long.reverseBytes(uuid.getMostSignificantBits()));
        Le.put64(page, at + 8, Long.reverseBytes(uuid.getLeastSignificantBits()));
    }
}
