package org.tomsprov.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.Api;
import org.tomsprov.testdata.OpenApiDocuments;
import org.tomsprov.testdata.Tokens;
import org.tomsprov.testdata.World;

/**
 * Random requests against every operation of the committed OpenAPI document: parameters and JSON bodies made of
 * control characters, half surrogate pairs, huge numbers, long and empty values, as a state administrator, a
 * coordinator and a service client. No answer is a 5xx, and every answer is one the document describes for that
 * operation (the suite's contract filter checks status, media type and body), problems as problem+json.
 * Seeded: a failure names the seed and the request, and reproduces.
 */
@QuarkusTest
class FuzzTest {

    static final long SEED = Long.getLong("fuzz.seed", 20261128L);
    static final int PER_OPERATION = 12;

    @Inject
    World world;

    @Test
    void noRandomRequestGetsA5xxOrAnUndocumentedAnswer() {
        World.Lea lea = world.lea(1);
        world.state();
        List<String> tokens = List.of(Tokens.person(world.admin(Role.STATE_ADMINISTRATOR, "CA")),
                Tokens.person(world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code())), Tokens.service("cers-service"),
                Tokens.service("t4t-service"), Tokens.provisioner(lea.code()));
        Random random = new Random(SEED);
        OpenAPI document = document();
        int sent = 0;
        long deadline = System.nanoTime() + 120_000_000_000L;
        for (Map.Entry<String, PathItem> path : document.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
                for (int i = 0; i < PER_OPERATION && System.nanoTime() < deadline; i++) {
                    String token = tokens.get(random.nextInt(tokens.size()));
                    String description = op.getKey() + " " + path.getKey() + " #" + i + " (seed " + SEED + ")";
                    Response response = send(random, token, path.getKey(), op.getKey(), op.getValue(), lea, description);
                    assertThat(response.statusCode()).as(description).isLessThan(500);
                    if (response.statusCode() >= 400) {
                        assertThat(response.contentType()).as(description).startsWith(path.getKey().startsWith("/scim/")
                                ? "application/scim+json" : "application/problem+json");
                    }
                    sent++;
                }
            }
        }
        assertThat(sent).isGreaterThan(200);
    }

    Response send(Random random, String token, String template, PathItem.HttpMethod method, Operation operation,
            World.Lea lea, String description) {
        RequestSpecification request = Api.given().auth().oauth2(token);
        String path = template;
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        for (Parameter parameter : parameters) {
            String value = value(random, lea);
            switch (parameter.getIn()) {
                case "path" -> path = path.replace("{" + parameter.getName() + "}", value.isEmpty() ? "x"
                        : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
                case "query" -> {
                    if (random.nextBoolean()) {
                        request.queryParam(parameter.getName(),
                                java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
                case "header" -> {
                    if (random.nextInt(4) == 0) {
                        request.header(parameter.getName(), value.replaceAll("[\\x00-\\x1F\\x7F\\x{80}-\\x{10FFFF}]", "?"));
                    }
                }
                default -> { }
            }
        }
        request.urlEncodingEnabled(false);
        var body = operation.getRequestBody();
        if (body != null && body.getContent() != null) {
            if (body.getContent().containsKey("application/json")) {
                request.contentType(ContentType.JSON).body(json(random, body.getContent().get("application/json").getSchema(), lea, 0));
            } else if (body.getContent().containsKey("text/csv")) {
                request.contentType("text/csv").body("First Name,Last Name,Email Address,CDS Code,Role\n"
                        + value(random, lea) + "," + value(random, lea) + "," + value(random, lea) + "," + value(random, lea)
                        + "," + value(random, lea) + "\n");
            }
        }
        return request.when().request(method.name(), path).then().extract().response();
    }

    /** A JSON value for the schema: its properties with hostile or plausible values, sometimes of the wrong type. */
    String json(Random random, Schema<?> schema, World.Lea lea, int depth) {
        Schema<?> resolved = resolve(schema);
        if (resolved != null && resolved.getProperties() != null && depth < 3) {
            List<String> fields = new ArrayList<>();
            resolved.getProperties().forEach((name, property) -> {
                if (random.nextInt(5) > 0) {
                    fields.add(quote(name) + ":" + json(random, property, lea, depth + 1));
                }
            });
            if (random.nextInt(8) == 0) {
                fields.add(quote("unexpected") + ":1");
            }
            return "{" + String.join(",", fields) + "}";
        }
        if (resolved != null && resolved.getItems() != null && depth < 3) {
            int n = random.nextInt(4);
            List<String> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add(json(random, resolved.getItems(), lea, depth + 1));
            }
            return "[" + String.join(",", items) + "]";
        }
        return switch (random.nextInt(6)) {
            case 0 -> String.valueOf(random.nextLong());
            case 1 -> "1e309";
            case 2 -> "null";
            case 3 -> "[" + quote(value(random, lea)) + "]";
            default -> quote(value(random, lea));
        };
    }

    Schema<?> resolve(Schema<?> schema) {
        if (schema == null) {
            return null;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            return document().getComponents().getSchemas().get(name);
        }
        return schema;
    }

    /** Hostile values, with plausible ones mixed in so requests also reach deeper code. */
    static String value(Random random, World.Lea lea) {
        return switch (random.nextInt(14)) {
            case 0 -> "a\u0000b";
            case 1 -> "\uD800";
            case 2 -> "x\u001Fy\u007F";
            case 3 -> "9".repeat(40);
            case 4 -> "-2147483649";
            case 5 -> "é".repeat(2000);
            case 6 -> "";
            case 7 -> "' or 1=1 --";
            case 8 -> "%00%zz";
            case 9 -> lea.school(0);
            case 10 -> "EDUCATOR_ROSTER";
            case 11 -> java.util.UUID.randomUUID().toString();
            case 12 -> World.email("fuzz");
            default -> "\uFF1D1+1";
        };
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static OpenAPI parsed;

    static synchronized OpenAPI document() {
        if (parsed == null) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(FuzzTest.class.getClassLoader());
            try {
                parsed = new OpenAPIV3Parser().read(OpenApiDocuments.FULL.toAbsolutePath().toUri().toString());
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        return parsed;
    }
}
