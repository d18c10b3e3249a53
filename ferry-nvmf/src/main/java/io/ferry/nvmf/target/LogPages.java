package io.ferry.nvmf.target;

import io.ferry.nvmf.internal.nvme.LogPage;
import io.ferry.nvmf.internal.nvme.Opcode;
import io.ferry.nvmf.internal.nvme.Sqe;
import io.ferry.nvmf.internal.nvme.Status;
import io.ferry.nvmf.internal.nvme.Text;
import io.ferry.nvmf.internal.pdu.Le;

import java.nio.ByteBuffer;

/**
 * Get Log Page (nvme-tcp-notes.md §5.5): supported log pages, error information (empty), SMART
 * (zeroes), firmware slot, commands supported and effects, and the discovery log on a discovery
 * controller. The host's window (offset and length) is cut out of the page; bytes past the page
 * read as zeroes. Nothing is sized by the host's numbers beyond the request's buffer.
 */
final class LogPages {
    private static final int[] ADMIN_COMMANDS = {Opcode.ADMIN_GET_LOG_PAGE, Opcode.ADMIN_IDENTIFY, Opcode.ADMIN_ABORT,
        Opcode.ADMIN_SET_FEATURES, Opcode.ADMIN_GET_FEATURES, Opcode.ADMIN_ASYNC_EVENT_REQUEST, Opcode.ADMIN_KEEP_ALIVE};
    private static final int[] IO_COMMANDS = {Opcode.IO_FLUSH, Opcode.IO_READ};
    private static final int[] IO_WRITING_COMMANDS = {Opcode.IO_WRITE, Opcode.IO_WRITE_ZEROES, Opcode.IO_DATASET_MANAGEMENT};
    private static final int[] PAGES = {LogPage.SUPPORTED_LOG_PAGES, LogPage.ERROR_INFORMATION, LogPage.SMART_HEALTH,
        LogPage.FIRMWARE_SLOT, LogPage.COMMAND_EFFECTS};

    private LogPages() {
    }

    static int execute(QueuePair queue, Controller controller, Request r) {
        int cdw10 = Sqe.cdw(r.sqe, Sqe.CDW10);
        long length = LogPage.length(cdw10, Sqe.cdw(r.sqe, Sqe.CDW11));
        long offset = LogPage.offset(Sqe.cdw(r.sqe, Sqe.CDW12), Sqe.cdw(r.sqe, Sqe.CDW13));
        if ((offset & 3) != 0 || offset < 0 || length > r.length || r.data == null) {
            return r.fail(Status.INVALID_FIELD);
        }
        int id = LogPage.id(cdw10);
        boolean discovery = controller.isDiscovery();
        if (discovery != (id == LogPage.DISCOVERY) && id != LogPage.SUPPORTED_LOG_PAGES) {
            return r.fail(Status.INVALID_LOG_PAGE);
        }
        ByteBuffer out = r.data.view();
        Le.zero(out, 0, (int) length);
        if (id == LogPage.DISCOVERY) {
            DiscoveryPage.write(queue, controller, out, offset, (int) length);
            return r.succeed(0, (int) length);
        }
        ByteBuffer page = queue.group().scratch();
        int pageLength = switch (id) {
            case LogPage.SUPPORTED_LOG_PAGES -> supportedPages(page, discovery);
            case LogPage.ERROR_INFORMATION -> LogPage.ERROR_ENTRY_LENGTH;
            case LogPage.SMART_HEALTH -> LogPage.SMART_HEALTH_LENGTH;
            case LogPage.FIRMWARE_SLOT -> firmwareSlot(page);
            case LogPage.COMMAND_EFFECTS -> commandEffects(page);
            default -> -1;
        };
        if (pageLength < 0) {
            return r.fail(Status.INVALID_LOG_PAGE);
        }
        if (id != LogPage.ERROR_INFORMATION && id != LogPage.SMART_HEALTH) {
            window(page, pageLength, out, 0, offset, (int) length);
        }
        return r.succeed(0, (int) length);
    }

    /** Copies the part of {@code page} (of {@code pageLength} bytes, which starts at {@code pageStart} of the log) that the window [offset, offset + length) covers. */
    static void window(ByteBuffer page, int pageLength, ByteBuffer out, long pageStart, long offset, int length) {
        long from = Math.max(offset, pageStart);
        long to = Math.min(offset + length, pageStart + pageLength);
        if (from < to) {
            out.put((int) (from - offset), page, (int) (from - pageStart), (int) (to - from));
        }
    }

    private static int supportedPages(ByteBuffer page, boolean discovery) {
        Le.zero(page, 0, LogPage.SUPPORTED_LOG_PAGES_LENGTH);
        if (discovery) {
            Le.put32(page, LogPage.SUPPORTED_LOG_PAGES * 4, LogPage.LOG_SUPPORTED);
            Le.put32(page, LogPage.DISCOVERY * 4, LogPage.LOG_SUPPORTED);
        } else {
            for (int id : PAGES) {
                Le.put32(page, id * 4, LogPage.LOG_SUPPORTED);
            }
        }
        return LogPage.SUPPORTED_LOG_PAGES_LENGTH;
    }

    private static int firmwareSlot(ByteBuffer page) {
        Le.zero(page, 0, LogPage.FIRMWARE_SLOT_LENGTH);
        Le.put8(page, LogPage.FIRMWARE_AFI, 1);
        Text.put(page, LogPage.FIRMWARE_FRS1, IdentifyPages.FIRMWARE_REVISION, 8, ' ');
        return LogPage.FIRMWARE_SLOT_LENGTH;
    }

    private static int commandEffects(ByteBuffer page) {
        Le.zero(page, 0, LogPage.COMMAND_EFFECTS_LENGTH);
        for (int opcode : ADMIN_COMMANDS) {
            Le.put32(page, opcode * 4, LogPage.EFFECT_SUPPORTED);
        }
        for (int opcode : IO_COMMANDS) {
            Le.put32(page, LogPage.COMMAND_EFFECTS_IO + opcode * 4, LogPage.EFFECT_SUPPORTED);
        }
        for (int opcode : IO_WRITING_COMMANDS) {
            Le.put32(page, LogPage.COMMAND_EFFECTS_IO + opcode * 4, LogPage.EFFECT_SUPPORTED | LogPage.EFFECT_CHANGES_CONTENT);
        }
        return LogPage.COMMAND_EFFECTS_LENGTH;
    }
}
