package io.ferry.cli;

import io.ferry.settings.Setting;
import io.ferry.settings.SettingRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's settings table names every setting with its variable and its real default. */
class SettingsDocumentationTest {
    @Test
    void shouldDocumentEverySettingWithItsDefault() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Setting<?> setting : SettingRegistry.all()) {
            String shown = formattedDefault(setting);
            assertThat(readme).as("README row of %s", setting.name()).contains(
                    "| `" + setting.name() + "` | `" + setting.environmentVariable() + "` | " + shown + " |");
        }
    }

    private static <T> String formattedDefault(Setting<T> setting) {
        return setting.format(setting.defaultValue());
    }
}
