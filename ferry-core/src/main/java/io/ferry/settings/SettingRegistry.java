package io.ferry.settings;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every {@link Setting} of Ferry, by name, so that names stay unique, can be listed and can be set
 * by name ({@link Settings.Builder#set(String, String)}).
 *
 * <p>The classes that declare settings are named in one explicit list, {@link #DECLARING_CLASSES},
 * one line per module: ferry-core cannot depend on the modules above it, so it names their settings
 * classes and loads (initialises) those present on the class path before the first look-up. A
 * class's constants register themselves when it is initialised. Which settings exist therefore never
 * depends on which classes some other code happened to touch first. A module with settings adds its
 * class to the list; a class that is absent (its module is not on the class path) is skipped.
 * There is no discovery: nothing outside the list is loaded.
 */
public final class SettingRegistry {
    /** The classes that declare settings as constants, by name, in the order they are loaded. */
    public static final List<String> DECLARING_CLASSES = List.of(
            "io.ferry.settings.CoreSettings",
            "io.ferry.file.FileSettings",
            "io.ferry.remote.RemoteSettings",
            "io.ferry.remote.s3.S3Settings",
            "io.ferry.nvmf.target.NvmfSettings",
            "io.ferry.nvmf.host.NvmeHostSettings",
            "io.ferry.stream.StreamSettings");

    private static final Map<String, Setting<?>> SETTINGS = new ConcurrentSkipListMap<>();
    private static volatile boolean declaringClassesLoaded;

    private SettingRegistry() {
    }

    static void add(Setting<?> setting) {
        Setting<?> previous = SETTINGS.putIfAbsent(setting.name(), setting);
        if (previous != null) {
            throw new IllegalStateException("setting declared twice: " + setting.name());
        }
    }

    /** Every setting of the modules on the class path (and any other declared so far), sorted by name. */
    public static Collection<Setting<?>> all() {
        loadDeclaringClasses();
        return SETTINGS.values();
    }

    /** The setting with this name (as in {@code MAX_IO_SIZE}), or null. */
    public static Setting<?> find(String name) {
        loadDeclaringClasses();
        return SETTINGS.get(name);
    }

    /** Initialises each class of {@link #DECLARING_CLASSES} that is on the class path, once. */
    private static void loadDeclaringClasses() {
        if (declaringClassesLoaded) {
            return;
        }
        ClassLoader loader = SettingRegistry.class.getClassLoader();
        for (String name : DECLARING_CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException absent) {
                // The module is not on the class path: it has no settings to offer here.
            }
        }
        declaringClassesLoaded = true;
    }
}
