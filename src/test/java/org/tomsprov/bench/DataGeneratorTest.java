package org.tomsprov.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Comparator;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.tomsprov.persistence.embedded.EmbeddedDatabase;

/** The benchmark's data generator, at tiny size, into a fresh database with the service's schema. */
class DataGeneratorTest {

    @Test
    void theGeneratorLoadsADeterministicPopulationThatFitsTheSchema() throws Exception {
        Path dir = Files.createTempDirectory("toms-gen");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            Flyway.configure().dataSource(db.jdbcUrl(), EmbeddedDatabase.OWNER, db.ownerPassword())
                .placeholders(java.util.Map.of("app_role", EmbeddedDatabase.APP))
                    .locations("classpath:db/migration").load().migrate();
            DataGenerator.Loaded loaded;
            try (Connection c = db.connectAsOwner()) {
                loaded = new DataGenerator(DataGenerator.Size.tiny(), "2026-27").load(c);
            }
            assertThat(loaded.users()).isEqualTo(300);
            assertThat(loaded.assignments()).isEqualTo(640);
            try (Connection c = db.connectAsOwner();
                 ResultSet rs = c.createStatement().executeQuery("""
                         select (select count(*) from organization), (select count(*) from app_user),
                                (select count(*) from role_assignment),
                                (select count(*) from role_assignment where role_id = 'LEA_CAASPP_COORDINATOR' and is_primary),
                                (select count(distinct lea_id) from role_assignment where lea_id is not null),
                                (select count(*) from role_assignment a join organization o on o.id = a.org_id
                                 where (o.type = 'SCHOOL' and a.lea_id <> o.parent_id) or (o.type = 'LEA' and a.lea_id <> o.id))""")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1 + 4 + 20);
                assertThat(rs.getInt(2)).isEqualTo(300);
                assertThat(rs.getInt(3)).isEqualTo(640);
                assertThat(rs.getInt(4)).as("one primary coordinator per LEA").isEqualTo(4);
                assertThat(rs.getInt(5)).isEqualTo(4);
                assertThat(rs.getInt(6)).as("every assignment's LEA is its organization's").isZero();
            }
            DataGenerator.Loaded again;
            Path dir2 = Files.createTempDirectory("toms-gen2");
            try (EmbeddedDatabase db2 = EmbeddedDatabase.start(dir2)) {
                Flyway.configure().dataSource(db2.jdbcUrl(), EmbeddedDatabase.OWNER, db2.ownerPassword())
                .placeholders(java.util.Map.of("app_role", EmbeddedDatabase.APP))
                        .locations("classpath:db/migration").load().migrate();
                try (Connection c = db2.connectAsOwner()) {
                    again = new DataGenerator(DataGenerator.Size.tiny(), "2026-27").load(c);
                }
            } finally {
                delete(dir2);
            }
            assertThat(again.leaCodes()).isEqualTo(loaded.leaCodes());
            assertThat(again.largeLeaCoordinator()).isEqualTo(loaded.largeLeaCoordinator());
        } finally {
            delete(dir);
        }
    }

    static void delete(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
