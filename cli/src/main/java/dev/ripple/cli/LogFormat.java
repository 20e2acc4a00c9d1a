package dev.ripple.cli;

import ch.qos.logback.core.PropertyDefinerBase;
import java.util.Locale;

/**
 * The format of the {@code ripple} process's log, for the jar's {@code logback.xml}: {@value #JSON} (one JSON object
 * per line, logback's {@code JsonEncoder}) when the system property {@value #PROPERTY}, or else the environment
 * variable {@value #ENV}, is {@code json} in any case; {@value #TEXT} (dated lines) when it is unset, blank or
 * {@code text}. Any other value logs text, and logback prints a warning that names it with its status at start-up.
 *
 * <p>A logback property definer, read by a {@code <condition>} of {@code logback.xml}: the choice needs no janino.
 */
public final class LogFormat extends PropertyDefinerBase {
    /** Environment variable: {@code text} (the default) or {@code json}. */
    public static final String ENV = "RIPPLE_LOG_FORMAT";
    /** System property, before {@link #ENV}: {@code text} or {@code json}. */
    public static final String PROPERTY = "ripple.log.format";
    /** Dated text lines. */
    public static final String TEXT = "text";
    /** One JSON object per line. */
    public static final String JSON = "json";

    @Override
    public String getPropertyValue() {
        String property = System.getProperty(PROPERTY);
        String value = property != null ? property : System.getenv(ENV);
        String format = of(value);
        if (format == null) {
            addWarn("Invalid value '" + value + "' for " + (property != null ? "-D" + PROPERTY : ENV)
                    + ": expected text or json; logging text");
            return TEXT;
        }
        return format;
    }

    /**
     * @param value the configured value, or null
     * @return {@link #TEXT} or {@link #JSON}; null if {@code value} is neither blank, {@code text} nor {@code json}
     */
    static String of(String value) {
        if (value == null || value.isBlank()) {
            return TEXT;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case TEXT -> TEXT;
            case JSON -> JSON;
            default -> null;
        };
    }
}
