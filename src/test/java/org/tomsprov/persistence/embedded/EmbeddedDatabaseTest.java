package org.tomsprov.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tomsprov.domain.Email;

/**
 * The embedded PostgreSQL as the service runs it by default: durable, private to the service, and brought back when
 * it dies. Migrated with the service's own migrations, as the owner, like the service does.
 */
class EmbeddedDatabaseTest {

    static Path home;
    static EmbeddedDatabase db;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("toms-embedded");
        db = EmbeddedDatabase.start(home);
        Flyway.configure().dataSource(db.jdbcUrl(), EmbeddedDatabase.OWNER, db.ownerPassword())
                .placeholders(Map.of("app_role", EmbeddedDatabase.APP)).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
        PostgresBinaries.deleteTree(home);
    }

    static Connection connect(String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(db.jdbcUrl(), props);
    }

    static String show(Connection c, String setting) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void commitsAreOnDiskBeforeTheyReturn() throws Exception {
        try (Connection c = connect(EmbeddedDatabase.APP, db.appPassword())) {
            assertThat(show(c, "fsync")).isEqualTo("on");
            assertThat(show(c, "synchronous_commit")).isEqualTo("on");
            assertThat(show(c, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void emailsFoldTheirCaseInTheDatabaseAsInJavaWhateverTheEnvironmentsLocale() throws Exception {
        String written = "Élodie.İnce.ΣΟΦΙΑΣ@Example.ORG";
        try (Connection c = connect(EmbeddedDatabase.APP, db.appPassword());
                var lower = c.prepareStatement("select lower(?), current_setting('lc_collate')")) {
            lower.setString(1, written);
            try (ResultSet rs = lower.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(Email.keyOf(written)).isEqualTo("élodie.ince.σοφιασ@example.org");
                assertThat(rs.getString(2)).as("byte-order collation").isEqualTo("C");
            }
        }
    }

    @Test
    void nobodyConnectsWithoutThePasswordAndTheSuperuserNotAtAll() {
        assertThatThrownBy(() -> connect(EmbeddedDatabase.APP, null).close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect(EmbeddedDatabase.APP, "wrong").close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
        assertThatThrownBy(() -> connect(EmbeddedDatabase.OWNER, db.appPassword()).close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect("postgres", null).close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect("postgres", "postgres").close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("rejects connection");
    }

    @Test
    void theServicesRoleWritesRowsButCannotTouchTheAuditTrailTablesOrTheServer() throws Exception {
        try (Connection c = connect(EmbeddedDatabase.APP, db.appPassword())) {
            c.createStatement().execute("insert into audit_event (actor_email, action) values ('t@test.example', 'USER_CREATED')");
            for (String forbidden : new String[] {
                    "update audit_event set actor_email = 'someone@else.example'",
                    "delete from audit_event",
                    "truncate audit_event",
                    "alter table audit_event disable trigger audit_event_no_change",
                    "drop table permission_change",
                    "create table intruder (x int)",
                    "copy (select 1) to program 'id'",
                    "update flyway_schema_history set success = false"}) {
                assertThatThrownBy(() -> c.createStatement().execute(forbidden)).as(forbidden)
                        .isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    void theDirectoryAndThePasswordsArePrivateToTheService() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("credentials"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(home.resolve("credentials"))).contains(db.appPassword());
        assertThat(db.toString()).doesNotContain(db.appPassword()).doesNotContain(db.ownerPassword());
        assertThat(Files.readString(db.logFile())).doesNotContain(db.appPassword()).doesNotContain(db.ownerPassword());
    }

    @Test
    void aSecondInstanceOnTheSameDirectoryIsRefusedWithTheHoldersPid() {
        assertThatThrownBy(() -> EmbeddedDatabase.start(home)).isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageContaining("already running")
                .hasMessageContaining("pid " + ProcessHandle.current().pid());
    }

    @Test
    void aKilledServerIsRestartedWithItsCommittedData() throws Exception {
        try (Connection c = connect(EmbeddedDatabase.APP, db.appPassword())) {
            c.createStatement().execute("insert into permission_change (user_id, email) values "
                    + "('00000000-0000-0000-0000-0000000000aa', 'before.crash@test.example')");
        }
        long pid = db.serverPid().orElseThrow();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    try (Connection c = connect(EmbeddedDatabase.APP, db.appPassword());
                         ResultSet rs = c.createStatement().executeQuery(
                                 "select count(*) from permission_change where email = 'before.crash@test.example'")) {
                        rs.next();
                        return rs.getInt(1) == 1;
                    }
                });
        assertThat(db.serverPid()).get().isNotEqualTo(pid);
    }
}
