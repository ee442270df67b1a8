package org.tomsprov.testdata;

import org.tomsprov.app.consumers.Consumers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The committed OpenAPI documents: the whole API as the service serves it, and one document per consumer cut
 * from it (its operations, the schemas they reach, the security scheme), so nothing is written by hand.
 */
public final class OpenApiDocuments {

    public static final Path DIR = Path.of("openapi");
    public static final Path FULL = DIR.resolve("toms-provisioning.yaml");

    /** A consumer's document: its file, title, description, and the operations it carries. */
    public record Consumer(String file, String title, String description, List<String> operations) {
    }

    /** The SCIM endpoints, for a district's identity provider (its vendor's connector, or a generated client). */
    public static final Consumer SCIM = new Consumer("scim.yaml", "TOMS SCIM 2.0 provisioning",
            "SCIM 2.0 (RFC 7643, RFC 7644) for a district's identity provider: Users, Groups (TOMS roles) and the discovery documents,"
                    + " within the LEA its token names. Errors are SCIM errors.",
            java.util.stream.Stream.concat(org.tomsprov.api.scim.ScimResource.OPERATIONS.stream(),
                    org.tomsprov.api.scim.ScimGroupResource.OPERATIONS.stream()).toList());

    /** One document per consumer of the registry, with its own operations and the catalogs, and the SCIM one. */
    public static final List<Consumer> CONSUMERS = java.util.stream.Stream.concat(Consumers.ALL.stream()
            .map(c -> new Consumer(c.document(), c.title(), c.description(),
                    java.util.stream.Stream.concat(c.operations().stream(), Consumers.CATALOG_OPERATIONS.stream()).toList())),
            java.util.stream.Stream.of(SCIM)).toList();

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private OpenApiDocuments() {
    }

    /** Cuts a consumer's document out of the full one. */
    public static String cut(String fullYaml, Consumer consumer) {
        try {
            ObjectNode full = (ObjectNode) YAML.readTree(fullYaml);
            ObjectNode doc = YAML.createObjectNode();
            doc.set("openapi", full.get("openapi"));
            ObjectNode info = full.get("info").deepCopy();
            info.put("title", consumer.title());
            info.put("description", consumer.description() + " " + org.tomsprov.domain.SafeText.RULE);
            doc.set("info", info);
            doc.set("servers", full.get("servers"));
            ObjectNode paths = doc.putObject("paths");
            Set<String> tags = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = full.get("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                ObjectNode kept = YAML.createObjectNode();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    if (op.getValue().has("operationId")
                            && consumer.operations().contains(op.getValue().get("operationId").asText())) {
                        kept.set(op.getKey(), op.getValue());
                        op.getValue().path("tags").forEach(t -> tags.add(t.asText()));
                    }
                }
                if (!kept.isEmpty()) {
                    paths.set(path.getKey(), kept);
                }
            }
            ObjectNode components = doc.putObject("components");
            ObjectNode schemas = components.putObject("schemas");
            Map<String, JsonNode> reached = new TreeMap<>();
            Deque<JsonNode> todo = new ArrayDeque<>();
            todo.add(paths);
            while (!todo.isEmpty()) {
                for (String name : refs(todo.pop())) {
                    if (!reached.containsKey(name)) {
                        JsonNode schema = full.get("components").get("schemas").get(name);
                        reached.put(name, schema);
                        todo.add(schema);
                    }
                }
            }
            reached.forEach(schemas::set);
            components.set("securitySchemes", full.get("components").get("securitySchemes"));
            if (full.has("tags")) {
                var kept = doc.putArray("tags");
                full.get("tags").forEach(t -> {
                    if (tags.contains(t.get("name").asText())) {
                        kept.add(t);
                    }
                });
            }
            return YAML.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> refs(JsonNode node) {
        Set<String> names = new TreeSet<>();
        Deque<JsonNode> todo = new ArrayDeque<>(List.of(node));
        while (!todo.isEmpty()) {
            JsonNode n = todo.pop();
            if (n.isObject()) {
                JsonNode ref = n.get("$ref");
                if (ref != null && ref.asText().startsWith("#/components/schemas/")) {
                    names.add(ref.asText().substring("#/components/schemas/".length()));
                }
                n.elements().forEachRemaining(todo::add);
            } else if (n.isArray()) {
                n.elements().forEachRemaining(todo::add);
            }
        }
        return names;
    }
}
