package dev.ripple.propagator.internal;

import dev.ripple.events.EditEvent;
import dev.ripple.propagator.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled purge template such as {@code https://{meta.domain}/wiki/{title}}: literal text and placeholders,
 * each an event field or a named group of the rule's match. Values are percent-encoded in URL templates and kept
 * as they are in key and tag templates. A placeholder without a value is a {@link TemplateException}, never an
 * empty string.
 */
final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private final String rule;
    private final String field;
    private final String text;
    private final boolean url;
    /** Alternating literal (even index) and placeholder name (odd index). */
    private final List<String> parts;

    private Template(String rule, String field, String text, boolean url, List<String> parts) {
        this.rule = rule;
        this.field = field;
        this.text = text;
        this.url = url;
        this.parts = List.copyOf(parts);
    }

    static Template parse(String rule, String field, String text, boolean url) {
        List<String> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int at = 0;
        while (m.find()) {
            parts.add(text.substring(at, m.start()));
            parts.add(m.group(1));
            at = m.end();
        }
        parts.add(text.substring(at));
        return new Template(rule, field, text, url, parts);
    }

    /** The placeholder names, in order. */
    List<String> placeholders() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i < parts.size(); i += 2) {
            names.add(parts.get(i));
        }
        return names;
    }

    /**
     * @param captures the named groups of the rule's match for this event
     * @throws TemplateException naming rule, field and placeholder, if a placeholder has no value
     */
    String expand(EditEvent event, Map<String, String> captures) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (i % 2 == 0) {
                out.append(part);
                continue;
            }
            String value = captures.containsKey(part) ? captures.get(part)
                    : EventFields.TEMPLATE_FIELDS.contains(part) ? EventFields.single(event, part) : null;
            if (value == null || value.isEmpty()) {
                throw new TemplateException("Rule '" + rule + "' " + field + " '" + text + "': placeholder {" + part
                        + "} has no value for the event of key '" + event.key() + "' (id " + event.meta().id()
                        + "); the event goes to the dead-letter topic instead of purging a wrong URL or key");
            }
            out.append(url ? UrlEncoding.encode(value) : value);
        }
        return out.toString();
    }
}
