package org.tomsprov.boot;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * What can be known to fail before any database work starts, each said in one line with what to do: the HTTP port
 * taken, an external database that does not answer, a token verification key that cannot be read.
 */
public final class StartupChecks {

    /** The external database's check, once begun; empty when the database is the embedded one. */
    private static volatile CompletableFuture<Optional<String>> databaseCheck = CompletableFuture.completedFuture(Optional.empty());

    private StartupChecks() {
    }

    /** Says, in one line on standard error, why the service cannot start. */
    public static void cannotStart(String reason) {
        System.err.println("toms-provisioning cannot start: " + reason);
    }

    /**
     * Begins {@link #database} on its own thread, so that the framework boots while the first connection (loading the
     * driver, the password exchange) is made; {@link DatabaseCheckGate} waits for its verdict before the schema
     * migration, the first database work, connects.
     */
    public static void beginDatabaseCheck(String url, String user, String password) {
        CompletableFuture<Optional<String>> check = new CompletableFuture<>();
        Thread thread = new Thread(() -> check.complete(database(url, user, password)), "database-check");
        thread.setDaemon(true);
        thread.start();
        databaseCheck = check;
    }

    /** The verdict of the database check begun at start, waiting for it if it is still running. */
    static Optional<String> databaseVerdict() {
        return databaseCheck.join();
    }

    /** The port is free on the host the service will listen on. */
    public static Optional<String> port(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(host), port));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("port " + port + " on " + host + " is in use (" + e.getMessage()
                    + "); stop what uses it, or set QUARKUS_HTTP_PORT to another port");
        }
    }

    /** An external database answers with these credentials. */
    static Optional<String> database(String url, String user, String password) {
        Properties props = new Properties();
        if (user != null && !user.isBlank()) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10");
        try (var connection = DriverManager.getConnection(url, props)) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("the database at " + url.replaceAll("password=[^&]*", "password=…") + " does not answer: "
                    + e.getMessage() + "; check QUARKUS_DATASOURCE_JDBC_URL, _USERNAME and _PASSWORD");
        }
    }

    /** A token verification key given as a file (path or file: URI) exists and can be read. */
    public static Optional<String> verificationKey(String location) {
        if (location == null || location.isBlank()) {
            return Optional.of("no token verification key is configured; set MP_JWT_VERIFY_PUBLICKEY_LOCATION to a PEM"
                    + " or JWK set file or URL (or TOMS_DEMO=true for demo keys)");
        }
        Path file;
        if (location.startsWith("file:")) {
            file = Path.of(URI.create(location));
        } else if (location.contains("://") || location.startsWith("classpath:")) {
            return Optional.empty();
        } else {
            file = Path.of(location);
            if (!Files.exists(file) && StartupChecks.class.getClassLoader().getResource(location) != null) {
                return Optional.empty();
            }
        }
        if (!Files.isReadable(file)) {
            return Optional.of("the token verification key " + file.toAbsolutePath()
                    + " is missing or unreadable; fix MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        }
        return Optional.empty();
    }
}
