package org.tomsprov.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tomsprov.testdata.OpenApiDocuments;

/**
 * The clients the build generates from the committed documents, unmodified, type what the documents require as
 * required: a TypeScript property without {@code ?}, a Java getter marked {@code @Nonnull}; and what they leave
 * optional as optional. A required field a generated type let a client leave out is a 400 the compiler could have
 * caught.
 */
class GeneratedClientsTest {

    private static final Path CLIENTS = Path.of("target", "generated-clients");
    private static final Pattern TS_PROPERTY = Pattern.compile("(?m)^    '?([A-Za-z_$][\\w$]*)'?(\\??): ");

    @ParameterizedTest
    @CsvSource({"toms-provisioning.yaml, api-typescript", "cers.yaml, cers-typescript"})
    void typeScriptModelsMakeExactlyTheRequiredPropertiesRequired(String document, String client) throws IOException {
        int checked = 0;
        for (Map.Entry<String, JsonNode> schema : schemas(document)) {
            Path model = CLIENTS.resolve(client).resolve("models").resolve(schema.getKey() + ".ts");
            if (!schema.getValue().has("properties")) {
                continue;
            }
            assertThat(model).as("generated model of " + schema.getKey()).exists();
            String source = Files.readString(model);
            String declaration = source.substring(source.indexOf("export interface " + schema.getKey()),
                    source.indexOf("\n}", source.indexOf("export interface " + schema.getKey())));
            Set<String> required = lowerCased(required(schema.getValue()));
            Matcher property = TS_PROPERTY.matcher(declaration);
            Set<String> seen = new HashSet<>();
            while (property.find()) {
                String name = property.group(1).toLowerCase(Locale.ROOT);
                seen.add(name);
                assertThat(property.group(2).isEmpty()).as(schema.getKey() + "." + name + " required in " + client)
                        .isEqualTo(required.contains(name));
                checked++;
            }
            assertThat(seen).as(schema.getKey() + " properties in " + client).containsAll(required);
        }
        assertThat(checked).isGreaterThan(20);
    }

    @ParameterizedTest
    @CsvSource("cers.yaml, org.tomsprov.sdk.cers.model")
    void javaModelsMarkTheRequiredPropertiesNonnull(String document, String modelPackage) throws Exception {
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, JsonNode> schema : schemas(document)) {
            for (String name : required(schema.getValue())) {
                Class<?> model = Class.forName(modelPackage + "." + schema.getKey());
                Method getter = model.getMethod("get" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
                assertThat(getter.isAnnotationPresent(jakarta.annotation.Nonnull.class))
                        .as(schema.getKey() + "." + name + " is @Nonnull").isTrue();
                checked.add(schema.getKey() + "." + name);
            }
        }
        assertThat(checked).contains("BatchRequest.emails");
    }

    private static List<Map.Entry<String, JsonNode>> schemas(String document) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(OpenApiDocuments.DIR.resolve(document).toFile());
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        root.path("components").path("schemas").fields().forEachRemaining(out::add);
        return out;
    }

    /** The generator writes property names in camel case (Operations becomes operations). */
    private static Set<String> lowerCased(Set<String> names) {
        Set<String> lower = new HashSet<>();
        names.forEach(name -> lower.add(name.toLowerCase(Locale.ROOT)));
        return lower;
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        return required;
    }
}
