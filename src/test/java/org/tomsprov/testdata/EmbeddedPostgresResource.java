package org.tomsprov.testdata;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.tomsprov.persistence.embedded.EmbeddedDatabase;

/**
 * Runs the test suite against a real, embedded PostgreSQL in a fresh directory, set up as the service sets it up
 * (owner and request roles, passwords). Commits need not survive a power cut here, so this one database does not
 * wait for the disk; the durability tests start their own with the default, durable settings.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedDatabase database;
    private Path dir;

    /** The suite's database, for tests that stop and restart it. */
    public static EmbeddedDatabase database() {
        return database;
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("toms-test-pg");
            database = EmbeddedDatabase.start(dir, Map.of("synchronous_commit", "off"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return database.quarkusProperties();
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
