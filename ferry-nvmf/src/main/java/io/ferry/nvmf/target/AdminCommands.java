package io.ferry.nvmf.target;

import io.ferry.nvmf.internal.nvme.Identify;
import io.ferry.nvmf.internal.nvme.Opcode;
import io.ferry.nvmf.internal.nvme.Sqe;
import io.ferry.nvmf.internal.nvme.Status;

/**
 * Admin commands (nvme-tcp-notes.md §5), run on the controller's thread: Identify, Get Log Page,
 * Set/Get Features, Asynchronous Event Request, Keep Alive and Abort. A discovery controller takes
 * only Identify Controller, Get Log Page, features, events and Keep Alive. Nothing runs before the
 * host enabled the controller (CC.EN).
 */
final class AdminCommands {
    private AdminCommands() {
    }

    static int execute(QueuePair queue, Request r) {
        Controller controller = queue.controller();
        int opcode = Sqe.opcode(r.sqe);
        if (!controller.isEnabled()) {
            return r.fail(Status.COMMAND_SEQUENCE_ERROR);
        }
        return switch (opcode) {
            case Opcode.ADMIN_IDENTIFY -> identify(queue, controller, r);
            case Opcode.ADMIN_GET_LOG_PAGE -> LogPages.execute(queue, controller, r);
            case Opcode.ADMIN_SET_FEATURES -> Features.set(controller, r);
            case Opcode.ADMIN_GET_FEATURES -> Features.get(controller, r);
            case Opcode.ADMIN_ASYNC_EVENT_REQUEST -> controller.hold(r);
            case Opcode.ADMIN_KEEP_ALIVE -> {
                controller.keepAlive(queue.group().now());
                yield r.succeed(0, 0);
            }
            case Opcode.ADMIN_ABORT -> controller.isDiscovery() ? r.fail(Status.INVALID_OPCODE) : r.succeed(1, 0);
            default -> r.fail(Status.INVALID_OPCODE);
        };
    }

    private static int identify(QueuePair queue, Controller controller, Request r) {
        int cns = Identify.cns(Sqe.cdw(r.sqe, Sqe.CDW10));
        if (controller.isDiscovery() && cns != Identify.CNS_CONTROLLER) {
            return r.fail(Status.INVALID_FIELD);
        }
        int length = Math.min(r.length, Identify.PAGE_LENGTH);
        if (r.data == null || r.data.capacity() < Identify.PAGE_LENGTH) {
            return r.fail(Status.DATA_SGL_LENGTH_INVALID);
        }
        int status = IdentifyPages.write(queue, controller, r, cns);
        return status == Status.SUCCESS ? r.succeed(0, length) : r.fail(status);
    }
}
