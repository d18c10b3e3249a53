package io.ferry.nvmf.target;

import io.ferry.nvmf.internal.nvme.DiscoveryLog;
import io.ferry.nvmf.internal.pdu.Le;
import io.ferry.nvmf.internal.nvme.Text;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The discovery log page (nvme-tcp-notes.md §5.6): one entry per (subsystem, listener) pair the
 * connected host may use, then one per listener for this discovery subsystem. Records are built
 * one at a time into the group's scratch buffer and only the host's window is copied out.
 */
final class DiscoveryPage {
    private DiscoveryPage() {
    }

    private record Entry(Subsystem subsystem, ListenAddress listener, int portId) {
    }

    static void write(QueuePair queue, Controller controller, ByteBuffer out, long offset, int length) {
        Target target = queue.group().target();
        long generation = target.discoveryGeneration();
        List<Entry> entries = entries(target, controller.hostNqn());
        ByteBuffer record = queue.group().scratch();
        long first = offset / DiscoveryLog.RECORD_LENGTH;
        long last = Math.min(entries.size(), (offset + length - 1) / DiscoveryLog.RECORD_LENGTH);
        for (long k = first; k <= last; k++) {
            Le.zero(record, 0, DiscoveryLog.RECORD_LENGTH);
            if (k == 0) {
                Le.put64(record, DiscoveryLog.GENCTR, generation);
                Le.put64(record, DiscoveryLog.NUMREC, entries.size());
            } else {
                entry(record, entries.get((int) k - 1), target.options());
            }
            LogPages.window(record, DiscoveryLog.RECORD_LENGTH, out, k * DiscoveryLog.RECORD_LENGTH, offset, length);
        }
    }

    private static List<Entry> entries(Target target, String hostNqn) {
        List<ListenAddress> listeners = target.listeners();
        List<Entry> entries = new ArrayList<>();
        for (Subsystem subsystem : target.subsystems()) {
            if (!subsystem.isHostAllowed(hostNqn)) {
                continue;
            }
            for (int port = 0; port < listeners.size(); port++) {
                if (subsystem.isListenerAllowed(listeners.get(port))) {
                    entries.add(new Entry(subsystem, listeners.get(port), port));
                }
            }
        }
        for (int port = 0; port < listeners.size(); port++) {
            entries.add(new Entry(target.discovery(), listeners.get(port), port));
        }
        return entries;
    }

    private static void entry(ByteBuffer record, Entry entry, TargetOptions options) {
        Le.put8(record, DiscoveryLog.TRTYPE, DiscoveryLog.TRTYPE_TCP);
        Le.put8(record, DiscoveryLog.ADRFAM, entry.listener().isIpv6() ? DiscoveryLog.ADRFAM_IPV6 : DiscoveryLog.ADRFAM_IPV4);
        Le.put8(record, DiscoveryLog.SUBTYPE, entry.subsystem().isDiscovery() ? DiscoveryLog.SUBTYPE_CURRENT_DISCOVERY
                : DiscoveryLog.SUBTYPE_NVME);
        Le.put8(record, DiscoveryLog.TREQ, DiscoveryLog.TREQ_NOT_REQUIRED);
        Le.put16(record, DiscoveryLog.PORTID, entry.portId());
        Le.put16(record, DiscoveryLog.CNTLID, 0xFFFF);
        Le.put16(record, DiscoveryLog.ASQSZ, options.maxAdminQueueDepth());
        Text.put(record, DiscoveryLog.TRSVCID, Integer.toString(entry.listener().port()), DiscoveryLog.TRSVCID_LENGTH, 0);
        Text.put(record, DiscoveryLog.SUBNQN, entry.subsystem().nqn(), 256, 0);
        Text.put(record, DiscoveryLog.TRADDR, entry.listener().host(), DiscoveryLog.TRADDR_LENGTH, 0);
    }
}
