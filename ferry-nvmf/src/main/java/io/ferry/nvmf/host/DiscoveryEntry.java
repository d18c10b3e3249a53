package io.ferry.nvmf.host;

/**
 * One record of a discovery log page (nvme-tcp-notes.md §5.6): a subsystem and where to reach it.
 *
 * @param subsystemType 1 referral, 2 NVM subsystem, 3 the discovery controller itself
 * @param transport     TRTYPE: 3 for TCP
 * @param addressFamily ADRFAM: 1 IPv4, 2 IPv6
 * @param portId        PORTID
 * @param address       TRADDR, as text
 * @param service       TRSVCID (the TCP port), as text
 * @param subsystemNqn  SUBNQN
 */
public record DiscoveryEntry(int subsystemType, int transport, int addressFamily, int portId, String address,
                             String service, String subsystemNqn) {
    /** A short name of the subsystem type. */
    public String typeName() {
        return switch (subsystemType) {
            case 1 -> "referral";
            case 2 -> "nvme";
            case 3 -> "discovery";
            default -> "type " + subsystemType;
        };
    }
}
