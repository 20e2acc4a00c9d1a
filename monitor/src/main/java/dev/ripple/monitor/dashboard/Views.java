package dev.ripple.monitor.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON object under construction: insertion-ordered, nulls kept (they mean "no data yet"). */
final class Views {
    private Views() {}

    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
