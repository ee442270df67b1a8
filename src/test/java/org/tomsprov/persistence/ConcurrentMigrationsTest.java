package org.tomsprov.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tomsprov.persistence.embedded.EmbeddedDatabase;

/**
 * Two replicas deployed at once both migrate at the same moment, as their start does (the service's migrations and
 * callbacks, as the schema owner, granting the requests' role), over an empty database and over a migrated one:
 * both succeed, and every migration ran once. Repeated, since a race shows only in some rounds.
 */
class ConcurrentMigrationsTest {

    /** Rounds on an empty database: everything migrates. */
    static final int EMPTY_ROUNDS = 4;
    /** Rounds on a migrated one, as every later deployment starts: only the callbacks run, at the same moment. */
    static final int MIGRATED_ROUNDS = 30;

    static Path home;
    static EmbeddedDatabase database;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("toms-migrations");
        database = EmbeddedDatabase.start(home.resolve("pg"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (database != null) {
            database.close();
        }
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Test
    void twoProcessesMigratingAtOnceBothStartAndEveryMigrationRunsOnce() throws Exception {
        for (int round = 0; round < EMPTY_ROUNDS + MIGRATED_ROUNDS; round++) {
            if (round < EMPTY_ROUNDS) {
                try (Connection c = database.connectAsOwner(); Statement s = c.createStatement()) {
                    s.execute("drop schema public cascade");
                    s.execute("create schema public");
                }
            }
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<Integer>> replicas = new ArrayList<>();
            for (int replica = 0; replica < 2; replica++) {
                replicas.add(CompletableFuture.supplyAsync(() -> {
                    Flyway flyway = Flyway.configure()
                            .dataSource(database.jdbcUrl(), EmbeddedDatabase.OWNER, database.ownerPassword())
                            .locations("classpath:db/migration")
                            .placeholders(Map.of("app_role", EmbeddedDatabase.APP))
                            .load();
                    try {
                        together.await(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return flyway.migrate().migrationsExecuted;
                }));
            }
            int executed = 0;
            for (CompletableFuture<Integer> replica : replicas) {
                executed += replica.get(120, TimeUnit.SECONDS);
            }
            try (Connection c = database.connectAsOwner(); Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("""
                         select count(*), count(distinct version),
                                has_schema_privilege('%s', 'public', 'USAGE')
                         from flyway_schema_history where success and version is not null"""
                         .formatted(EmbeddedDatabase.APP))) {
                rows.next();
                assertThat(rows.getInt(1)).as("round %d: migrations applied", round)
                        .isEqualTo(rows.getInt(2)).isGreaterThanOrEqualTo(21);
                assertThat(executed).as("round %d: migrations run", round)
                        .isEqualTo(round < EMPTY_ROUNDS ? rows.getInt(1) : 0);
                assertThat(rows.getBoolean(3)).as("round %d: the requests' role may use the schema", round).isTrue();
            }
        }
    }
}
