package io.ferry.nvmf.host;

/**
 * What a controller says of itself (Identify Controller, CAP and VS), as the host read it.
 *
 * @param controllerId      CNTLID, as Connect returned it
 * @param vendorId          PCI vendor id
 * @param serial            serial number (trailing spaces removed)
 * @param model             model number (trailing spaces removed)
 * @param firmware          firmware revision (trailing spaces removed)
 * @param subsystemNqn      the subsystem NQN it reports
 * @param version           VS: major in bits 31:16, minor in 15:8
 * @param maxTransferBytes  the largest data transfer of one command (MDTS), 0 when unlimited
 * @param maxQueueEntries   CAP.MQES + 1
 * @param namespaces        NN, the largest namespace id
 * @param type              CNTRLTYPE: 1 I/O, 2 discovery, 3 administrative, 0 not reported
 */
public record ControllerInfo(int controllerId, int vendorId, String serial, String model, String firmware,
                             String subsystemNqn, int version, long maxTransferBytes, int maxQueueEntries,
                             long namespaces, int type) {
    /** {@code major.minor}, as the NVMe specifications name their versions. */
    public String versionText() {
        return (version >>> 16) + "." + (version >>> 8 & 0xFF);
    }
}
