package io.ferry.settings;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** Every {@link Setting} declared so far, by name, so that names stay unique and can be listed. */
public final class SettingRegistry {
    private static final Map<String, Setting<?>> SETTINGS = new ConcurrentSkipListMap<>();

    private SettingRegistry() {
    }

    static void add(Setting<?> setting) {
        Setting<?> previous = SETTINGS.putIfAbsent(setting.name(), setting);
        if (previous != null) {
            throw new IllegalStateException("setting declared twice: " + setting.name());
        }
    }

    /** Settings declared by classes loaded so far, sorted by name. */
    public static Collection<Setting<?>> all() {
        return SETTINGS.values();
    }

    /** The setting with this name (as in {@code MAX_IO_SIZE}), or null. */
    public static Setting<?> find(String name) {
        return SETTINGS.get(name);
    }
}
