package org.tomsprov.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded PostgreSQL (real binaries) that serves when no external database is configured. Its files live
 * in a directory that survives restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final Path dataDirectory;
    private EmbeddedPostgres postgres;
    private final int port;

    private EmbeddedDatabase(Path dataDirectory, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        this.port = postgres.getPort();
    }

    /** Starts PostgreSQL on a free loopback port over {@code dataDirectory}, creating the cluster the first time. */
    public static EmbeddedDatabase start(Path dataDirectory, boolean clean) {
        return new EmbeddedDatabase(dataDirectory, launch(dataDirectory, clean, 0));
    }

    private static EmbeddedPostgres launch(Path dataDirectory, boolean clean, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(clean)
                    .setServerConfig("max_connections", "200");
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** Stops the server and starts it again on the same port over the same files, as an operator's restart would. */
    public void stop() {
        close();
    }

    public void startAgain() {
        postgres = launch(dataDirectory, false, port);
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
