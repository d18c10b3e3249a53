package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.settings.Sizes;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ferry serve --config FILE} exports: listeners and subsystems, each with its allowed
 * hosts (none: any host) and namespaces. One statement a line, {@code #} starts a comment:
 * <pre>
 * listen 127.0.0.1:4420
 * subsystem nqn.2026-01.io.example:disks
 *   allow-host nqn.2014-08.org.nvmexpress:uuid:...
 *   namespace file /srv/disk1.img block-size 4096 direct
 *   namespace memory 1g
 *   namespace null 64g
 * </pre>
 * Indentation is for the reader; {@code allow-host} and {@code namespace} belong to the subsystem
 * above them. Errors name the file and the line, those found once the target is built too: each
 * value keeps its origin ({@code FILE:LINE}, or null for a value of the command's options).
 */
record ServeConfig(List<InetSocketAddress> listeners, List<SubsystemSpec> subsystems) {
    /** A subsystem: its NQN, the hosts allowed (empty: any), its namespaces numbered from 1 in order. */
    record SubsystemSpec(String nqn, String origin, List<AllowedHost> allowedHosts, List<NamespaceSpec> namespaces) {
    }

    /** A host NQN allowed to connect. */
    record AllowedHost(String nqn, String origin) {
    }

    /**
     * A namespace: a {@code file} (or block device) at {@code path}, or {@code memory} or {@code null}
     * of {@code size} bytes.
     */
    record NamespaceSpec(String kind, Path path, long size, int blockSize, boolean direct, String origin) {
    }

    static ServeConfig read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<InetSocketAddress> listeners = new ArrayList<>();
        List<SubsystemSpec> subsystems = new ArrayList<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            String origin = file + ":" + number;
            try {
                switch (words[0]) {
                    case "listen" -> listeners.add(HostPort.parse(single(words), null));
                    case "subsystem" -> subsystems.add(subsystem(subsystems, single(words), origin));
                    case "allow-host" -> current(subsystems, words[0]).allowedHosts().add(new AllowedHost(single(words), origin));
                    case "namespace" -> current(subsystems, words[0]).namespaces().add(namespace(words, origin));
                    default -> throw new FerryException(ErrorCode.INVALID_ARGUMENT, "unknown statement '" + words[0]
                            + "': expected listen, subsystem, allow-host or namespace");
                }
            } catch (FerryException e) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, origin + ": " + e.getMessage());
            }
        }
        if (listeners.isEmpty() || subsystems.isEmpty()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, file + ": needs at least one listen and one subsystem");
        }
        for (SubsystemSpec subsystem : subsystems) {
            if (subsystem.namespaces().isEmpty()) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, file + ": subsystem " + subsystem.nqn() + " has no namespace");
            }
        }
        return new ServeConfig(List.copyOf(listeners), List.copyOf(subsystems));
    }

    private static String single(String[] words) {
        if (words.length != 2) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, words[0] + " takes one value");
        }
        return words[1];
    }

    private static SubsystemSpec subsystem(List<SubsystemSpec> subsystems, String nqn, String origin) {
        for (SubsystemSpec earlier : subsystems) {
            if (earlier.nqn().equals(nqn)) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "subsystem " + nqn + " is already at " + earlier.origin());
            }
        }
        return new SubsystemSpec(nqn, origin, new ArrayList<>(), new ArrayList<>());
    }

    private static SubsystemSpec current(List<SubsystemSpec> subsystems, String statement) {
        if (subsystems.isEmpty()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, statement + " before any subsystem");
        }
        return subsystems.getLast();
    }

    /** {@code namespace file PATH | memory SIZE | null SIZE}, then {@code block-size 512|4096} and {@code direct}. */
    private static NamespaceSpec namespace(String[] words, String origin) {
        if (words.length < 3) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "expected namespace file PATH, memory SIZE or null SIZE");
        }
        String kind = words[1];
        int blockSize = 512;
        boolean direct = false;
        for (int i = 3; i < words.length; i++) {
            switch (words[i]) {
                case "direct" -> direct = true;
                case "block-size" -> {
                    if (i + 1 == words.length || !(words[i + 1].equals("512") || words[i + 1].equals("4096"))) {
                        throw new FerryException(ErrorCode.INVALID_ARGUMENT, "block-size must be 512 or 4096");
                    }
                    blockSize = Integer.parseInt(words[++i]);
                }
                default -> throw new FerryException(ErrorCode.INVALID_ARGUMENT, "unknown namespace option '" + words[i]
                        + "': expected block-size or direct");
            }
        }
        if (direct && !kind.equals("file")) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "direct applies to file namespaces only");
        }
        return switch (kind) {
            case "file" -> new NamespaceSpec(kind, Path.of(words[2]), 0, blockSize, direct, origin);
            case "memory", "null" -> new NamespaceSpec(kind, null, Sizes.parse(words[2]), blockSize, direct, origin);
            default -> throw new FerryException(ErrorCode.INVALID_ARGUMENT, "unknown namespace kind '" + kind
                    + "': expected file, memory or null");
        };
    }
}
