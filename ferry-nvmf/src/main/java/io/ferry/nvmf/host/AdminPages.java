package io.ferry.nvmf.host;

import io.ferry.nvmf.internal.nvme.DiscoveryLog;
import io.ferry.nvmf.internal.nvme.IdentifyController;
import io.ferry.nvmf.internal.pdu.Le;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What the host reads out of the admin pages it receives: Identify Controller and discovery log records. */
final class AdminPages {
    private AdminPages() {
    }

    /** Identify Controller in {@code p}, with CAP and VS as Property Get returned them. */
    static ControllerInfo controller(ByteBuffer p, long capabilities, int version) {
        int mdts = Le.u8(p, IdentifyController.MDTS);
        int minPageShift = 12 + (int) (capabilities >>> 48 & 0xF);
        return new ControllerInfo(Le.u16(p, IdentifyController.CNTLID), Le.u16(p, IdentifyController.VID),
                ascii(p, IdentifyController.SN, IdentifyController.SN_LENGTH),
                ascii(p, IdentifyController.MN, IdentifyController.MN_LENGTH),
                ascii(p, IdentifyController.FR, IdentifyController.FR_LENGTH),
                ascii(p, IdentifyController.SUBNQN, 256), version, mdts == 0 ? 0 : 1L << (minPageShift + mdts),
                (int) (capabilities & 0xFFFF) + 1, Le.u32(p, IdentifyController.NN), Le.u8(p, IdentifyController.CNTRLTYPE));
    }

    /** The first {@code count} records of a discovery log page in {@code p}. */
    static List<DiscoveryEntry> discoveryEntries(ByteBuffer p, int count) {
        List<DiscoveryEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = i * DiscoveryLog.RECORD_LENGTH;
            entries.add(new DiscoveryEntry(Le.u8(p, at + DiscoveryLog.SUBTYPE), Le.u8(p, at + DiscoveryLog.TRTYPE),
                    Le.u8(p, at + DiscoveryLog.ADRFAM), Le.u16(p, at + DiscoveryLog.PORTID),
                    ascii(p, at + DiscoveryLog.TRADDR, DiscoveryLog.TRADDR_LENGTH),
                    ascii(p, at + DiscoveryLog.TRSVCID, DiscoveryLog.TRSVCID_LENGTH), ascii(p, at + DiscoveryLog.SUBNQN, 256)));
        }
        return entries;
    }

    /** An ASCII field: up to its first NUL, trailing spaces removed. */
    private static String ascii(ByteBuffer p, int at, int length) {
        byte[] bytes = new byte[length];
        p.get(at, bytes);
        int end = length;
        while (end > 0 && (bytes[end - 1] == ' ' || bytes[end - 1] == 0)) {
            end--;
        }
        int nul = 0;
        while (nul < end && bytes[nul] != 0) {
            nul++;
        }
        return new String(bytes, 0, nul, StandardCharsets.US_ASCII);
    }
}
