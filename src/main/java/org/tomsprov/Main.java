package org.tomsprov;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.nio.file.Path;

import org.tomsprov.app.DemoKeys;
import org.tomsprov.persistence.EmbeddedDatabase;

/**
 * Starts the service. When no external PostgreSQL is configured it first starts the embedded one over
 * {@code TOMS_DATA_DIR}; in demo mode it makes sure a demo signing key exists there and verifies tokens with it
 * unless a verification key is configured.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        Path dataDir = Path.of(setting("toms.data-dir", "TOMS_DATA_DIR", "./data")).toAbsolutePath();
        if (setting("quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL", "").isBlank()) {
            EmbeddedDatabase database = EmbeddedDatabase.start(dataDir.resolve("postgres"), false);
            System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl());
            System.setProperty("quarkus.datasource.username", database.username());
            System.setProperty("quarkus.datasource.password", database.password());
        }
        if (Boolean.parseBoolean(setting("toms.demo", "TOMS_DEMO", "false"))
                && setting("mp.jwt.verify.publickey.location", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "").isBlank()) {
            DemoKeys keys = DemoKeys.ensure(dataDir.resolve("demo-keys"));
            System.setProperty("mp.jwt.verify.publickey.location", keys.publicKeyFile().toUri().toString());
        }
        Quarkus.run(args);
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(env);
        }
        return value == null ? fallback : value;
    }
}
