package org.tomsprov.api.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code attributes} and {@code excludedAttributes} (RFC 7644 section 3.4.2.5, section 3.9): which attributes of
 * a resource an answer carries. Names are read without regard to case, with or without the schema's URN in front,
 * and may name a sub-attribute ({@code name.givenName}, {@code emails.value}); {@code id} and {@code schemas} are
 * always returned. Applied to the resource as it would be written, so it can only leave things out.
 */
record ScimProjection(List<String> attributes, List<String> excluded) {

    private static final Set<String> ALWAYS = Set.of("id", "schemas");

    static ScimProjection of(String attributes, String excludedAttributes) {
        return new ScimProjection(names(attributes), names(excludedAttributes));
    }

    /** The resource with only what was asked for, or without what was excluded. */
    JsonNode apply(ObjectNode resource) {
        if (!attributes.isEmpty()) {
            ObjectNode kept = resource.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = resource.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey().toLowerCase(Locale.ROOT);
                if (ALWAYS.contains(name) || attributes.contains(name)) {
                    kept.set(field.getKey(), field.getValue());
                } else {
                    List<String> subs = attributes.stream().filter(a -> a.startsWith(name + "."))
                            .map(a -> a.substring(name.length() + 1)).toList();
                    if (!subs.isEmpty()) {
                        kept.set(field.getKey(), only(field.getValue(), subs));
                    }
                }
            }
            return kept;
        }
        ObjectNode left = resource.deepCopy();
        for (String name : excluded) {
            int dot = name.indexOf('.');
            String top = dot < 0 ? name : name.substring(0, dot);
            if (ALWAYS.contains(top)) {
                continue;
            }
            String key = fieldName(left, top);
            if (key == null) {
                continue;
            }
            if (dot < 0) {
                left.remove(key);
            } else {
                without(left.get(key), name.substring(dot + 1));
            }
        }
        return left;
    }

    /** Whether the answer carries this top-level attribute, or any of its sub-attributes. */
    boolean carries(String attribute) {
        String name = attribute.toLowerCase(Locale.ROOT);
        if (!attributes.isEmpty()) {
            return attributes.stream().anyMatch(a -> a.equals(name) || a.startsWith(name + "."));
        }
        return !excluded.contains(name);
    }

    private static JsonNode only(JsonNode value, List<String> subs) {
        if (value instanceof ArrayNode array) {
            ArrayNode out = array.arrayNode();
            array.forEach(element -> out.add(only(element, subs)));
            return out;
        }
        if (value instanceof ObjectNode object) {
            ObjectNode out = object.objectNode();
            object.fields().forEachRemaining(f -> {
                if (subs.contains(f.getKey().toLowerCase(Locale.ROOT))) {
                    out.set(f.getKey(), f.getValue());
                }
            });
            return out;
        }
        return value;
    }

    private static void without(JsonNode value, String sub) {
        if (value instanceof ArrayNode array) {
            array.forEach(element -> without(element, sub));
        } else if (value instanceof ObjectNode object) {
            String key = fieldName(object, sub);
            if (key != null) {
                object.remove(key);
            }
        }
    }

    private static String fieldName(ObjectNode object, String lowerCased) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.toLowerCase(Locale.ROOT).equals(lowerCased)) {
                return name;
            }
        }
        return null;
    }

    /** Comma-separated names, lower-cased, each without a schema URN in front. */
    private static List<String> names(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(n -> !n.isEmpty())
                .map(n -> n.toLowerCase(Locale.ROOT))
                .map(n -> n.startsWith("urn:") && n.lastIndexOf(':') > 0 ? n.substring(n.lastIndexOf(':') + 1) : n)
                .toList();
    }
}
