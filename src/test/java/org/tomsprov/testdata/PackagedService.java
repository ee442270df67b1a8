package org.tomsprov.testdata;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a separate process, as an operator runs it:
 * its own port, the test signing key, and whatever else the test passes as system properties.
 */
public final class PackagedService {

    public static final String ISSUER = "https://toms-provisioning.demo";
    private static final PrivateKey KEY = privateKey();

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedService(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar with these system properties and waits until it is ready. */
    public static PackagedService start(Path logFile, List<String> properties) {
        PackagedService service = launch(logFile, properties);
        service.awaitReady(Duration.ofSeconds(120));
        return service;
    }

    /** Starts the jar without waiting, so several can start at the same moment; see {@link #awaitReady}. */
    public static PackagedService launch(Path logFile, List<String> properties) {
        int port = freePort();
        try {
            Process process = new ProcessBuilder(command(port, properties)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            return new PackagedService(process, port, logFile);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the jar until it exits by itself (a start that must fail); returns the exit code, or -1 after a minute. */
    public static int runToExit(Path logFile, int port, List<String> properties) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command(port, properties)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> command(int port, List<String> properties) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dmp.jwt.verify.publickey.location=" + Path.of("src/test/resources/test-jwt/publicKey.pem").toAbsolutePath(),
                "-Dtoms.administration-year=2026-27"));
        String binaries = System.getProperty("embedded-postgres.binaries");
        if (binaries != null) {
            command.add("-Dembedded-postgres.binaries=" + binaries);
        }
        properties.forEach(p -> command.add("-D" + p));
        command.addAll(List.of("-jar", System.getProperty("toms.jar", "target/quarkus-app/quarkus-run.jar")));
        return command;
    }

    public void awaitReady(Duration atMost) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .failFast("the service exited; see " + log, () -> !process.isAlive())
                .until(() -> given().port(port).get("/q/health/ready").statusCode() == 200);
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    public RequestSpecification as(String email) {
        return given().port(port).auth().oauth2(token(email)).contentType(ContentType.JSON);
    }

    /** A person's token, signed with the test key. */
    public static String token(String email) {
        return Jwt.issuer(ISSUER).upn(email).claim("email", email).sign(KEY);
    }

    public RequestSpecification asCers() {
        return asService("cers-service");
    }

    /** A service client of this group (cers-service, t4t-service). */
    public RequestSpecification asService(String group) {
        String token = Jwt.issuer(ISSUER).subject(group).groups(Set.of(group)).sign(KEY);
        return given().port(port).auth().oauth2(token);
    }

    /** SIGTERM, as an orchestrator stops a pod; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the service did not stop within 90 s of SIGTERM; see " + log);
        }
        return process.exitValue();
    }

    /** SIGKILL: the process dies on the spot, as in a crash or an OOM kill. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey() {
        try {
            String pem = Files.readString(Path.of("src/test/resources/test-jwt/privateKey.pem"), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
