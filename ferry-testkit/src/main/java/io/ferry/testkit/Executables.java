package io.ferry.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Where a tool's binary is: at the path its Debian package puts it, else on the PATH. */
final class Executables {
    private Executables() {
    }

    static Optional<Path> find(Path debianPath, String name) {
        if (Files.isExecutable(debianPath)) {
            return Optional.of(debianPath);
        }
        String path = System.getenv("PATH");
        return path == null ? Optional.empty() : Stream.of(path.split(":"))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
