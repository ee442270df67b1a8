package org.tomsprov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tomsprov.testdata.Api.given;

import org.tomsprov.boot.ClassArchiveTraining;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.tomsprov.config.TomsConfig;

/** The Kubernetes manifests and the container build agree with the application they deploy. */
@QuarkusTest
class DeploymentManifestsTest {

    static final Path K8S = Path.of("deploy/k8s");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> manifests() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode doc = YAML.readTree(file.toFile());
                assertThat(doc).as(file + " parses").isNotNull();
                docs.add(doc);
            }
        }
        return docs;
    }

    static List<JsonNode> containers(List<JsonNode> docs) {
        List<JsonNode> containers = new ArrayList<>();
        docs.stream().filter(d -> "Deployment".equals(d.path("kind").asText()))
                .forEach(d -> d.path("spec").path("template").path("spec").path("containers").forEach(containers::add));
        return containers;
    }

    @Test
    void everyProbePathExistsAndAnswers() throws IOException {
        Set<String> paths = new TreeSet<>();
        for (JsonNode container : containers(manifests())) {
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                JsonNode path = container.path(probe).path("httpGet").path("path");
                if (!path.isMissingNode()) {
                    paths.add(path.asText());
                }
            }
        }
        assertThat(paths).contains("/q/health/ready", "/q/health/live");
        for (String path : paths) {
            given().when().get(path).then().statusCode(200);
        }
    }

    @Test
    void everyEnvironmentVariableSetIsAKeyTheServiceReads() throws IOException {
        Set<String> set = new TreeSet<>();
        List<JsonNode> docs = manifests();
        docs.stream().filter(d -> "ConfigMap".equals(d.path("kind").asText()))
                .forEach(d -> d.path("data").fieldNames().forEachRemaining(set::add));
        for (JsonNode container : containers(docs)) {
            container.path("env").forEach(e -> set.add(e.path("name").asText()));
        }
        Set<String> read = new TreeSet<>(tomsConfigKeys("TOMS", TomsConfig.class));
        Matcher documented = Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(configurationSection());
        while (documented.find()) {
            read.add(documented.group(1));
        }
        assertThat(set).isNotEmpty();
        assertThat(read).containsAll(set);
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyFileSystemWithThreeReplicasAndNoSecretValues() throws IOException {
        List<JsonNode> docs = manifests();
        JsonNode deployment = docs.stream().filter(d -> "Deployment".equals(d.path("kind").asText())
                && d.path("spec").path("template").path("spec").has("securityContext")).findFirst().orElseThrow();
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(deployment.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
        for (JsonNode container : containers(List.of(deployment))) {
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
        }
        Set<String> kinds = new TreeSet<>();
        docs.forEach(d -> kinds.add(d.path("kind").asText()));
        assertThat(kinds).contains("PodDisruptionBudget", "HorizontalPodAutoscaler", "Service", "ConfigMap")
                .doesNotContain("Secret");
    }

    @Test
    void theImageCopiesOnlyTheQuarkusAppAndRunsAsNonRoot() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("deploy/Dockerfile.jvm"));
        assertThat(lines.stream().filter(l -> l.startsWith("COPY")))
                .isNotEmpty().allSatisfy(l -> assertThat(l).contains("target/quarkus-app/"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("USER [1-9][0-9]*"));
    }

    @Test
    void theImagesJvmHandsBackUnusedHeapWhenIdle() throws IOException {
        String options = Files.readAllLines(Path.of("deploy/Dockerfile.jvm")).stream()
                .filter(l -> l.startsWith("ENV JAVA_OPTS_APPEND=")).findFirst().orElseThrow();
        assertThat(options).contains("-XX:MaxRAMPercentage=").contains("-XX:G1PeriodicGCInterval=")
                .contains("-XX:MaxHeapFreeRatio=");
    }

    @Test
    void theImageStartsWithTheClassArchiveItsTrainingStartWrites() throws IOException {
        String dockerfile = Files.readString(Path.of("deploy/Dockerfile.jvm"));
        java.util.regex.Matcher written = java.util.regex.Pattern.compile("-XX:ArchiveClassesAtExit=(\\S+)").matcher(dockerfile);
        java.util.regex.Matcher mapped = java.util.regex.Pattern.compile("ENV JAVA_OPTS_APPEND=\".*-XX:SharedArchiveFile=(\\S+?)[ \"]")
                .matcher(dockerfile);
        assertThat(written.find()).isTrue();
        assertThat(mapped.find()).isTrue();
        assertThat(mapped.group(1)).isEqualTo(written.group(1));
        assertThat(dockerfile).contains("-jar /deployments/quarkus-run.jar")
                .contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");
    }

    @Test
    void theTrainingStartLinksTheClassesItLogsLoading() throws IOException {
        String dockerfile = Files.readString(Path.of("deploy/Dockerfile.jvm"));
        java.util.regex.Matcher logged = java.util.regex.Pattern.compile("-Xlog:class\\+load:file=(\\S+)").matcher(dockerfile);
        java.util.regex.Matcher linked = java.util.regex.Pattern.compile(
                "-D" + java.util.regex.Pattern.quote(ClassArchiveTraining.LOG_PROPERTY) + "=(\\S+)").matcher(dockerfile);
        assertThat(logged.find()).isTrue();
        assertThat(linked.find()).isTrue();
        assertThat(linked.group(1)).isEqualTo(logged.group(1));
        assertThat(logged.group(1)).as("the log stays out of the image").startsWith("/tmp/training/");
        assertThat(dockerfile).contains("rm -rf /tmp/training");
    }

    private static String configurationSection() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Configuration");
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** The environment names of a @ConfigMapping interface's properties (administrationYear -> TOMS_ADMINISTRATION_YEAR). */
    static List<String> tomsConfigKeys(String prefix, Class<?> mapping) {
        List<String> keys = new ArrayList<>();
        for (Method method : mapping.getDeclaredMethods()) {
            String name = prefix + "_" + method.getName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
            if (method.getReturnType().isInterface() && method.getReturnType().getEnclosingClass() == TomsConfig.class) {
                keys.addAll(tomsConfigKeys(name, method.getReturnType()));
            } else {
                keys.add(name);
            }
        }
        return keys;
    }
}
