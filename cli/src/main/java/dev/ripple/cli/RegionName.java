package dev.ripple.cli;

import dev.ripple.config.ConfigKeys;
import picocli.CommandLine;

/**
 * The converter of every option that names a region ({@code --region}, {@code --regions}, the intake's
 * {@code --origin}): it refuses, before the command runs, a name that no config can hold
 * ({@link ConfigKeys#TOPIC_NAME_RULE}), such as {@code EQIAD}, {@code eq/iad} or {@code eu.west}. A replica or
 * purger started for such a region would wait forever for a topic nothing creates, and an intake would stamp it on
 * events that the event schema then refuses.
 */
public final class RegionName implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        if (!ConfigKeys.isTopicName(value)) {
            throw new CommandLine.TypeConversionException("'" + Printable.of(value) + "' cannot name a region "
                    + "(/ripple/regions/<name>): use " + ConfigKeys.TOPIC_NAME_RULE + ", e.g. eqiad");
        }
        return value;
    }
}
