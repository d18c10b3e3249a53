/**
 * Settings: each tunable is one {@link io.ferry.settings.Setting} with a name, a default, a
 * validation and an environment variable {@code FERRY_<NAME>}; {@link io.ferry.settings.Settings}
 * is an immutable set of values, read once by each component when it is built. Thread-safe.
 */
package io.ferry.settings;
