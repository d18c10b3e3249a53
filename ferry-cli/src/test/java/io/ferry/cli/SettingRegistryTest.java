package io.ferry.cli;

import io.ferry.file.FileSettings;
import io.ferry.remote.RemoteSettings;
import io.ferry.settings.Settings;
import io.ferry.settings.SettingRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings are known by name before any class of the module that declares them was loaded. */
class SettingRegistryTest {
    @Test
    void shouldKnowASettingOfAnotherModuleByNameInAFreshClassLoader() throws Exception {
        URL[] modules = Stream.of(Settings.class, FileSettings.class, RemoteSettings.class)
                .map(type -> type.getProtectionDomain().getCodeSource().getLocation()).distinct().toArray(URL[]::new);
        try (URLClassLoader fresh = new URLClassLoader(modules, ClassLoader.getPlatformClassLoader())) {
            Class<?> settings = fresh.loadClass(Settings.class.getName());
            Object builder = settings.getMethod("builder").invoke(null);

            // The first thing this loader does with any settings class: set a setting of ferry-file by name.
            builder.getClass().getMethod("set", String.class, String.class).invoke(builder, "FILE_ENGINE", "io_uring");
            builder.getClass().getMethod("set", String.class, String.class).invoke(builder, "S3_ADDRESSING", "path");

            Method find = fresh.loadClass(SettingRegistry.class.getName()).getMethod("find", String.class);
            assertThat(find.invoke(null, "FILE_ENGINE").getClass().getClassLoader()).isSameAs(fresh);
            assertThat(find.invoke(null, "TASK_SIZE")).isNotNull();
        }
    }

    @Test
    void shouldListEveryClassOfTheRepositoryThatDeclaresSettings() throws IOException {
        Pattern declaration = Pattern.compile("Setting\\.(size|count|word|durationNs|numbers)\\(");
        Pattern packageLine = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
        try (Stream<Path> sources = Files.walk(Path.of(".."))) {
            List<Path> declaring = sources
                    .filter(path -> path.toString().contains("/src/main/java/") && path.toString().endsWith(".java"))
                    .filter(path -> declaration.matcher(read(path)).find())
                    .toList();
            assertThat(declaring).isNotEmpty();
            for (Path path : declaring) {
                Matcher matcher = packageLine.matcher(read(path));
                assertThat(matcher.find()).as("package of %s", path).isTrue();
                String name = matcher.group(1) + "." + path.getFileName().toString().replace(".java", "");
                assertThat(SettingRegistry.DECLARING_CLASSES).as("settings class of %s", path).contains(name);
            }
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
