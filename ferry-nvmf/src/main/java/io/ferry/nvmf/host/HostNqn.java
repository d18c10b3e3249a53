package io.ferry.nvmf.host;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.nvmf.internal.nvme.Nqn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The host NQN and host id a backend sends in Connect ({@link NvmeHostSettings#NVME_HOST_NQN}). A
 * host NQN of the form {@code nqn.2014-08.org.nvmexpress:uuid:UUID} carries its host id, as nvme-cli
 * derives it when no host id file exists, so that one host shows targets one identity.
 *
 * @param nqn the host NQN
 * @param id  the host id
 */
record HostNqn(String nqn, UUID id) {
    /** The setting's value that picks the machine's host NQN, or a generated one. */
    static final String AUTO = "auto";
    /** Where nvme-cli and the Linux host keep the machine's host NQN. */
    static final Path SYSTEM_FILE = Path.of("/etc/nvme/hostnqn");
    private static final String UUID_PREFIX = "nqn.2014-08.org.nvmexpress:uuid:";

    /**
     * The identity for {@code configured} (the setting's value, or an NQN the application gave),
     * reading {@code systemFile} for {@link #AUTO}.
     *
     * @throws FerryException {@link ErrorCode#INVALID_SETTING} naming where a malformed NQN came from
     */
    static HostNqn resolve(String configured, Path systemFile) {
        if (!configured.equals(AUTO)) {
            return of(configured, "FERRY_NVME_HOST_NQN");
        }
        String machine = firstLine(systemFile);
        return machine == null ? of(UUID_PREFIX + UUID.randomUUID(), null) : of(machine, systemFile.toString());
    }

    private static HostNqn of(String nqn, String origin) {
        try {
            Nqn.check(nqn);
        } catch (FerryException e) {
            throw new FerryException(ErrorCode.INVALID_SETTING, origin + ": " + e.getMessage(), e);
        }
        return new HostNqn(nqn, idOf(nqn));
    }

    /** The UUID a {@code nqn.2014-08.org.nvmexpress:uuid:} NQN names, else a new one. */
    private static UUID idOf(String nqn) {
        if (nqn.startsWith(UUID_PREFIX)) {
            try {
                return UUID.fromString(nqn.substring(UUID_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                return UUID.randomUUID();
            }
        }
        return UUID.randomUUID();
    }

    /** The file's first line without surrounding blanks, or null where it is missing, unreadable or blank. */
    private static String firstLine(Path file) {
        try {
            String text = Files.readString(file).strip();
            return text.isEmpty() ? null : text.lines().findFirst().orElseThrow().strip();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
