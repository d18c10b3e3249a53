package io.ferry.nvmf.target;

import io.ferry.nvmf.internal.nvme.Connect;
import io.ferry.nvmf.internal.nvme.Opcode;
import io.ferry.nvmf.internal.nvme.Property;
import io.ferry.nvmf.internal.nvme.Sqe;
import io.ferry.nvmf.internal.nvme.Status;
import io.ferry.nvmf.internal.nvme.Text;
import io.ferry.nvmf.internal.pdu.Le;

import java.nio.ByteBuffer;

/**
 * Fabrics commands (nvme-tcp-notes.md §4): Connect, checked in SPDK's order (record format,
 * subsystem, host NQN, host and listener allowed, queue size, controller ID), and Property
 * Get/Set on a connected admin queue.
 */
final class FabricsCommands {
    private FabricsCommands() {
    }

    static int execute(QueuePair queue, Request r) {
        int fctype = Sqe.fctype(r.sqe);
        if (fctype == Opcode.FCTYPE_CONNECT) {
            return queue.isConnected() ? r.fail(Status.COMMAND_SEQUENCE_ERROR) : connect(queue, r);
        }
        if (fctype != Opcode.FCTYPE_PROPERTY_GET && fctype != Opcode.FCTYPE_PROPERTY_SET) {
            return r.fail(Status.INVALID_OPCODE);
        }
        if (!queue.isConnected()) {
            return r.fail(Status.COMMAND_SEQUENCE_ERROR);
        }
        if (!queue.isAdmin()) {
            return r.fail(Status.INVALID_OPCODE);
        }
        Registers registers = queue.controller().registers();
        int offset = Le.i32(r.sqe, Property.OFST);
        boolean eightBytes = (Le.u8(r.sqe, Property.ATTRIB) & 0x7) == 1;
        if (fctype == Opcode.FCTYPE_PROPERTY_SET) {
            return r.fail(registers.set(offset, eightBytes, Le.i64(r.sqe, Property.VALUE)));
        }
        long value = registers.get(offset, eightBytes);
        if (value == Registers.INVALID) {
            return r.fail(Status.CONNECT_INVALID_PARAMETERS);
        }
        int done = r.succeed((int) value, 0);
        r.cdw1 = (int) (value >>> 32);
        return done;
    }

    private static int connect(QueuePair queue, Request r) {
        if (r.length < Connect.DATA_LENGTH) {
            return r.fail(Status.INVALID_FIELD);
        }
        ByteBuffer sqe = r.sqe;
        ByteBuffer data = r.data.view();
        if (Le.u16(sqe, Connect.RECFMT) != 0) {
            return r.fail(Status.CONNECT_INCOMPATIBLE_FORMAT);
        }
        String subsystemNqn = Text.nulTerminated(data, Connect.DATA_SUBNQN, Connect.NQN_LENGTH);
        Target target = queue.group().target();
        Subsystem subsystem = subsystemNqn == null ? null : target.subsystem(subsystemNqn);
        if (subsystem == null) {
            return invalid(r, Connect.IATTR_DATA, Connect.DATA_SUBNQN);
        }
        String hostNqn = Text.nulTerminated(data, Connect.DATA_HOSTNQN, Connect.NQN_LENGTH);
        if (hostNqn == null) {
            return invalid(r, Connect.IATTR_DATA, Connect.DATA_HOSTNQN);
        }
        if (subsystem.isPaused()) {
            return Request.RETRY;
        }
        if (!subsystem.isHostAllowed(hostNqn) || !subsystem.isListenerAllowed(queue.listener())) {
            return r.fail(Status.CONNECT_INVALID_HOST);
        }
        int qid = Le.u16(sqe, Connect.QID);
        int size = Le.u16(sqe, Connect.SQSIZE) + 1;
        int cntlid = Le.u16(data, Connect.DATA_CNTLID);
        TargetOptions options = target.options();
        if (size == 1 || size > (qid == 0 ? options.maxAdminQueueDepth() : options.maxQueueDepth())) {
            return invalid(r, Connect.IATTR_COMMAND, Connect.SQSIZE);
        }
        if (qid == 0) {
            if (cntlid != Connect.DYNAMIC_CONTROLLER) {
                return invalid(r, Connect.IATTR_DATA, Connect.DATA_CNTLID);
            }
            int keepAliveMs = Le.i32(sqe, Connect.KATO);
            long now = queue.group().now();
            Controller controller = subsystem.createController(id -> new Controller(subsystem, id, hostNqn, queue, keepAliveMs, now));
            if (controller == null) {
                return r.fail(Status.CONNECT_CONTROLLER_BUSY);
            }
            queue.connected(controller, 0, size, noSqFlowControl(sqe));
            return r.succeed(controller.cntlid(), 0);
        }
        Controller controller = subsystem.controller(cntlid);
        if (controller == null || !controller.hostNqn().equals(hostNqn)) {
            return invalid(r, Connect.IATTR_DATA, Connect.DATA_CNTLID);
        }
        if (!controller.isEnabled()) {
            return r.fail(Status.COMMAND_SEQUENCE_ERROR);
        }
        if (subsystem.isDiscovery() || !controller.addIoQueue(qid, queue)) {
            return invalid(r, Connect.IATTR_COMMAND, Connect.QID);
        }
        queue.connected(controller, qid, size, noSqFlowControl(sqe));
        return r.succeed(controller.cntlid(), 0);
    }

    private static boolean noSqFlowControl(ByteBuffer sqe) {
        return (Le.u8(sqe, Connect.CATTR) & Connect.CATTR_DISABLE_SQ_FLOW_CONTROL) != 0;
    }

    private static int invalid(Request r, int attribute, int offset) {
        r.fail(Status.CONNECT_INVALID_PARAMETERS);
        r.cdw0 = Connect.invalidParameter(attribute, offset);
        return Request.DONE;
    }
}
