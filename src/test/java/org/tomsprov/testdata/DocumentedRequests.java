package org.tomsprov.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Requests built from an OpenAPI operation alone: one the document calls valid (its required parameters and
 * properties, with values a fixture supplies by name where the schema cannot, like a real id), and, for every
 * constraint the document declares on a parameter, a body or a property at any depth, one request that breaks
 * only that constraint. How the requests are sent is the caller's business.
 */
public final class DocumentedRequests {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * What a request carries: parameters by where they go, and a body of one media type. A JSON body is a tree; any
     * other body is bytes, a multipart body the bytes of its one part and that part's name.
     */
    public record Request(String method, String template, Map<String, String> path, Map<String, String> query,
            Map<String, String> headers, String mediaType, JsonNode json, byte[] bytes, String part) {

        Request copy() {
            return new Request(method, template, new LinkedHashMap<>(path), new LinkedHashMap<>(query),
                    new LinkedHashMap<>(headers), mediaType, json == null ? null : json.deepCopy(), bytes, part);
        }

        Request withBody(JsonNode newJson, byte[] newBytes, String newPart) {
            return new Request(method, template, path, query, headers, mediaType, newJson, newBytes, newPart);
        }

        /** Whether the request has a body at all. */
        public boolean hasBody() {
            return json != null || bytes != null;
        }
    }

    /** A request that breaks one declared constraint: its kind (as the document names it) and where. */
    public record Broken(String constraint, String where, String name, Request request) {
    }

    /**
     * Values the schemas cannot give, by key: {@code Schema.property} for a property of a named schema, the bare
     * name for a parameter or any property. Empty means "let the schema decide", and an optional parameter or
     * property is sent only if the fixture names it.
     */
    public interface Fixture extends Function<String, Optional<JsonNode>> {
    }

    private final OpenAPI document;

    public DocumentedRequests(OpenAPI document) {
        this.document = document;
    }

    /** A request the document calls valid, in the operation's first request media type. */
    public Request valid(String method, String template, Operation operation, Fixture fixture,
            BiFunction<String, String, byte[]> rawBody) {
        Map<String, String> path = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Parameter parameter : parameters(operation)) {
            Optional<JsonNode> given = fixture.apply(parameter.getName());
            if (Boolean.TRUE.equals(parameter.getRequired()) || given.isPresent()) {
                String value = given.map(DocumentedRequests::text)
                        .orElseGet(() -> text(value(parameter.getSchema(), parameter.getName(), fixture)));
                where(parameter, path, query, headers).put(parameter.getName(), value);
            }
        }
        Request request = new Request(method, template, path, query, headers, null, null, null, null);
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return request;
        }
        Map.Entry<String, MediaType> content = operation.getRequestBody().getContent().entrySet().iterator().next();
        Schema<?> schema = resolve(content.getValue().getSchema());
        request = new Request(method, template, path, query, headers, content.getKey(), null, null, null);
        if (content.getKey().contains("json")) {
            return request.withBody(value(content.getValue().getSchema(), null, fixture), null, null);
        }
        if (content.getKey().startsWith("multipart/")) {
            String part = schema.getRequired().get(0);
            return request.withBody(null, rawBody.apply(template, content.getKey()), part);
        }
        return request.withBody(null, rawBody.apply(template, content.getKey()), null);
    }

    /** One request per constraint the operation declares, each breaking only that one of the valid request's. */
    public List<Broken> broken(Operation operation, Request valid) {
        List<Broken> out = new ArrayList<>();
        for (Parameter parameter : parameters(operation)) {
            String name = parameter.getName();
            String in = parameter.getIn();
            if (Boolean.TRUE.equals(parameter.getRequired()) && !in.equals("path")) {
                Request r = valid.copy();
                where(parameter, r.path(), r.query(), r.headers()).remove(name);
                out.add(new Broken("required", in, name, r));
            }
            for (Map.Entry<String, JsonNode> breaking : breakers(resolve(parameter.getSchema()), true).entrySet()) {
                Request r = valid.copy();
                where(parameter, r.path(), r.query(), r.headers()).put(name, text(breaking.getValue()));
                out.add(new Broken(breaking.getKey(), in, name, r));
            }
        }
        var body = operation.getRequestBody();
        if (body == null || body.getContent() == null) {
            return out;
        }
        if (Boolean.TRUE.equals(body.getRequired())) {
            out.add(new Broken("required", "body", "body", valid.copy().withBody(null, null, null)));
        }
        Schema<?> schema = resolve(body.getContent().get(valid.mediaType()).getSchema());
        if (valid.json() != null) {
            walk(schema, valid, new ArrayList<>(), "body", out);
        } else if (valid.part() != null) {
            out.add(new Broken("required", "body", valid.part(), valid.copy().withBody(null, valid.bytes(), "notes")));
        }
        return out;
    }

    private void walk(Schema<?> declared, Request valid, List<Object> at, String name, List<Broken> out) {
        Schema<?> schema = resolve(declared);
        JsonNode here = at(valid.json(), at);
        if (here == null) {
            return;
        }
        if (!at.isEmpty()) {
            breakers(schema, false).forEach((kind, value) -> out.add(set(valid, at, kind, name, value)));
        }
        if (schema.getProperties() != null && here.isObject()) {
            if (Boolean.FALSE.equals(schema.getAdditionalProperties())) {
                List<Object> unknown = new ArrayList<>(at);
                unknown.add("unexpectedField");
                out.add(set(valid, unknown, "additionalProperties", at.isEmpty() ? "unexpectedField"
                        : name + ".unexpectedField", JSON.numberNode(1)));
            }
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            schema.getProperties().forEach((property, propertySchema) -> {
                List<Object> inside = new ArrayList<>(at);
                inside.add(property);
                String label = at.isEmpty() ? property : name + "." + property;
                if (required.contains(property)) {
                    Request r = valid.copy();
                    ((ObjectNode) at(r.json(), at)).remove(property);
                    out.add(new Broken("required", "body", label, r));
                }
                if (here.has(property)) {
                    walk(propertySchema, valid, inside, label, out);
                } else if (!Boolean.TRUE.equals(resolve(propertySchema).getReadOnly())) {
                    breakers(resolve(propertySchema), false).forEach((kind, value) -> out.add(set(valid, inside, kind, label, value)));
                }
            });
        }
        if (schema.getItems() != null && here.isArray() && !here.isEmpty()) {
            List<Object> first = new ArrayList<>(at);
            first.add(0);
            walk(schema.getItems(), valid, first, name + "[0]", out);
            if (schema.getMaxItems() != null) {
                ArrayNode many = JSON.arrayNode();
                for (int i = 0; i <= schema.getMaxItems(); i++) {
                    many.add(here.get(0).deepCopy());
                }
                out.add(set(valid, at, "maxItems", name, many));
            }
        }
    }

    private static Broken set(Request valid, List<Object> at, String kind, String name, JsonNode value) {
        Request r = valid.copy();
        JsonNode parent = at(r.json(), at.subList(0, at.size() - 1));
        Object last = at.get(at.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set((String) last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set((Integer) last, value);
        }
        return new Broken(kind, "body", name, r);
    }

    /**
     * For each constraint of a schema, a value breaking it and (where that is possible) nothing else. A
     * parameter's values are text, so its wrong types are words where numbers or booleans belong.
     */
    Map<String, JsonNode> breakers(Schema<?> schema, boolean parameter) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (schema == null) {
            return out;
        }
        String type = type(schema);
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            out.put("enum", JSON.textNode("NOT_ONE_OF_THEM"));
        }
        if ("string".equals(type)) {
            Integer min = schema.getMinLength();
            Integer max = schema.getMaxLength();
            if (schema.getPattern() != null) {
                Pattern pattern = Pattern.compile(schema.getPattern());
                for (String candidate : List.of("x", " ", "!", "0", "x@x")) {
                    if (!pattern.matcher(candidate).find() && (min == null || candidate.length() >= min)
                            && (max == null || candidate.length() <= max)) {
                        out.put("pattern", JSON.textNode(candidate));
                        break;
                    }
                }
            }
            if (min != null && min > 0) {
                out.put("minLength", JSON.textNode("a".repeat(min - 1)));
            }
            if (max != null) {
                out.put("maxLength", JSON.textNode("email".equals(schema.getFormat())
                        ? "a".repeat(max) + "@example.org" : "a".repeat(max + 1)));
            }
            if ("email".equals(schema.getFormat())) {
                out.put("format", JSON.textNode("not-an-email"));
            }
            if (!parameter) {
                out.put("type", JSON.numberNode(7));
            }
        } else if ("integer".equals(type) || "number".equals(type)) {
            if (schema.getMinimum() != null) {
                out.put("minimum", JSON.numberNode(schema.getMinimum().subtract(BigDecimal.ONE)));
            }
            if (schema.getMaximum() != null) {
                out.put("maximum", JSON.numberNode(schema.getMaximum().add(BigDecimal.ONE)));
            }
            out.put("type", JSON.textNode("seven"));
        } else if ("boolean".equals(type)) {
            out.put("type", JSON.textNode("maybe"));
        } else if ("array".equals(type)) {
            if (schema.getMinItems() != null && schema.getMinItems() > 0) {
                out.put("minItems", JSON.arrayNode());
            }
            out.put("type", JSON.textNode("not a list"));
        } else if ("object".equals(type) && !parameter) {
            out.put("type", JSON.textNode("not an object"));
        }
        return out;
    }

    /** A value the schema calls valid: the fixture's for this name, else the first enum value, else by type. */
    JsonNode value(Schema<?> declared, String key, Fixture fixture) {
        Schema<?> schema = resolve(declared);
        String schemaName = declared != null && declared.get$ref() != null ? refName(declared.get$ref()) : null;
        Optional<JsonNode> given = key == null ? Optional.empty() : fixture.apply(key);
        if (given.isPresent()) {
            return given.get();
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return JSON.textNode(String.valueOf(schema.getEnum().get(0)));
        }
        String type = type(schema);
        if (schema.getProperties() != null || "object".equals(type)) {
            ObjectNode object = JSON.objectNode();
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            if (schema.getProperties() != null) {
                schema.getProperties().forEach((property, propertySchema) -> {
                    String qualified = (schemaName == null ? "" : schemaName + ".") + property;
                    Optional<JsonNode> chosen = fixture.apply(qualified);
                    if (chosen.isPresent()) {
                        object.set(property, chosen.get());
                    } else if (required.contains(property)) {
                        object.set(property, value(propertySchema, property, fixture));
                    }
                });
            }
            return object;
        }
        if ("array".equals(type)) {
            ArrayNode array = JSON.arrayNode();
            int n = Math.max(1, schema.getMinItems() == null ? 1 : schema.getMinItems());
            for (int i = 0; i < n; i++) {
                array.add(value(schema.getItems(), null, fixture));
            }
            return array;
        }
        return switch (type == null ? "string" : type) {
            case "integer", "number" -> JSON.numberNode(schema.getMinimum() == null ? BigDecimal.ONE : schema.getMinimum());
            case "boolean" -> JSON.booleanNode(true);
            default -> JSON.textNode("a");
        };
    }

    public Schema<?> resolve(Schema<?> schema) {
        if (schema != null && schema.get$ref() != null) {
            return resolve(document.getComponents().getSchemas().get(refName(schema.get$ref())));
        }
        return schema;
    }

    private static String refName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    /** The schema's type, from OpenAPI 3.0's {@code type} or 3.1's {@code types}. */
    private static String type(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        return schema.getTypes() == null ? null
                : schema.getTypes().stream().filter(t -> !t.equals("null")).findFirst().orElse(null);
    }

    private static List<Parameter> parameters(Operation operation) {
        return operation.getParameters() == null ? List.of() : operation.getParameters();
    }

    private static Map<String, String> where(Parameter parameter, Map<String, String> path, Map<String, String> query,
            Map<String, String> headers) {
        return switch (parameter.getIn()) {
            case "path" -> path;
            case "query" -> query;
            case "header" -> headers;
            default -> throw new IllegalArgumentException("parameters in " + parameter.getIn() + " are not built");
        };
    }

    private static JsonNode at(JsonNode root, List<Object> at) {
        JsonNode node = root;
        for (Object step : at) {
            if (node == null) {
                return null;
            }
            node = step instanceof Integer i ? node.get(i) : node.get((String) step);
        }
        return node;
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }
}
