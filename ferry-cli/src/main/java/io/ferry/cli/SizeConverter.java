package io.ferry.cli;

import io.ferry.FerryException;
import io.ferry.settings.Sizes;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads sizes such as {@code 4k}, {@code 1m}, {@code 256MiB} in options. */
final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return Sizes.parse(value);
        } catch (FerryException e) {
            // picocli prints this message as it is; any other exception would show its class name.
            throw new TypeConversionException(e.getMessage());
        }
    }
}
