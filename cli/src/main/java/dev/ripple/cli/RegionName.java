package dev.ripple.cli;

import dev.ripple.config.ConfigKeys;
import picocli.CommandLine;

/**
 * The converter of every {@code --region} and {@code --regions} value: it refuses, before the command runs, a name
 * that no config can hold ({@link ConfigKeys#NAME_RULE}), such as {@code EQIAD} or {@code eq/iad}. A part started for
 * such a region would wait forever for a topic nothing creates.
 */
public final class RegionName implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        if (!ConfigKeys.isName(value)) {
            throw new CommandLine.TypeConversionException("'" + Printable.of(value) + "' cannot name a region "
                    + "(/ripple/regions/<name>): use " + ConfigKeys.NAME_RULE + ", e.g. eqiad");
        }
        return value;
    }
}
