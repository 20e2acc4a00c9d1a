package dev.ripple.events;

import com.networknt.schema.path.NodePath;

/** Renders a validator's node path as an RFC 6901 JSON pointer. */
final class JsonPointers {
    private JsonPointers() {}

    static String of(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            pointer.append('/').append(element.toString().replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }
}
