package io.ferry.cli;

import io.ferry.settings.Sizes;
import picocli.CommandLine.ITypeConverter;

/** Reads sizes such as {@code 4k}, {@code 1m}, {@code 256MiB} in options. */
final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        return Sizes.parse(value);
    }
}
