package org.tomsprov;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.tomsprov.app.startup.DemoKeys;
import org.tomsprov.boot.StartupChecks;
import org.tomsprov.persistence.embedded.EmbeddedDatabase;
import org.tomsprov.persistence.embedded.EmbeddedDatabaseException;

/**
 * Starts the service. First what can fail fast does, in one line each ({@link StartupChecks}): the port, the token key,
 * and an external database (checked while the framework boots, before the first migration connects). In demo mode
 * it listens on loopback only and makes sure a demo signing key exists in {@code TOMS_DATA_DIR} (used unless a
 * verification key is configured). When no external PostgreSQL is configured
 * it starts the embedded one in {@code TOMS_DATA_DIR/db}, which the service stops last when it shuts down.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        Path dataDir = Path.of(setting("toms.data-dir", "TOMS_DATA_DIR", "./data")).toAbsolutePath().normalize();
        EmbeddedDatabase database = null;
        boolean demo = Boolean.parseBoolean(setting("toms.demo", "TOMS_DEMO", "false"));
        try {
            String host = setting("quarkus.http.host", "QUARKUS_HTTP_HOST", demo ? "127.0.0.1" : "0.0.0.0");
            int port = Integer.parseInt(setting("quarkus.http.port", "QUARKUS_HTTP_PORT", "8080"));
            if (port > 0) {
                check(StartupChecks.port(host, port));
            }
            String url = setting("quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL", "");
            if (!url.isBlank()) {
                StartupChecks.beginDatabaseCheck(url, setting("quarkus.datasource.username", "QUARKUS_DATASOURCE_USERNAME", ""),
                        setting("quarkus.datasource.password", "QUARKUS_DATASOURCE_PASSWORD", null));
            }
            createPrivate(dataDir);
            if (demo && setting("quarkus.http.host", "QUARKUS_HTTP_HOST", "").isBlank()) {
                System.setProperty("quarkus.http.host", "127.0.0.1");
                System.err.println("Demo mode: listening on 127.0.0.1 only, since /demo/tokens hands out tokens to anyone"
                        + " who can reach it; set QUARKUS_HTTP_HOST to listen elsewhere.");
            }
            if (demo && setting("mp.jwt.verify.publickey.location", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "").isBlank()) {
                DemoKeys keys = DemoKeys.ensure(dataDir.resolve("demo-keys"));
                System.setProperty("mp.jwt.verify.publickey.location", keys.publicKeyFile().toUri().toString());
            }
            check(StartupChecks.verificationKey(setting("mp.jwt.verify.publickey.location",
                    "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "")));
            if (url.isBlank()) {
                database = EmbeddedDatabase.start(dataDir.resolve("db"));
                EmbeddedDatabase.ownedByApplication(database);
                database.quarkusProperties().forEach(System::setProperty);
                if (Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))) {
                    System.err.println("Note: " + dataDir.resolve("postgres") + " holds a database of an earlier version"
                            + " that trusted every local connection; it is no longer used and can be deleted.");
                }
            }
        } catch (EmbeddedDatabaseException | CannotStart e) {
            if (database != null) {
                database.close();
            }
            StartupChecks.cannotStart(e.getMessage());
            System.exit(1);
        }
        try {
            Quarkus.run(args);
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    /** A start-up check failed: one line, no stack trace. */
    private static final class CannotStart extends RuntimeException {
        CannotStart(String message) {
            super(message, null, false, false);
        }
    }

    private static void check(java.util.Optional<String> failure) {
        if (failure.isPresent()) {
            throw new CannotStart(failure.get());
        }
    }

    private static void createPrivate(Path dir) {
        try {
            Files.createDirectories(dir);
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(env);
        }
        return value == null ? fallback : value;
    }
}
