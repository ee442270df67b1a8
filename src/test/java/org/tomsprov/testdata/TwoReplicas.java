package org.tomsprov.testdata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tomsprov.persistence.embedded.EmbeddedDatabase;

/**
 * Two processes of the packaged service over one PostgreSQL of their own, started at the same moment as two replicas
 * of a deployment are, with the year the administration calendar's (as in production) and a bootstrap state
 * administrator. Closing stops both and removes everything they wrote.
 */
public final class TwoReplicas implements AutoCloseable {

    private final Path dataDir;
    private final EmbeddedDatabase database;
    private final List<PackagedService> replicas = new ArrayList<>();

    private TwoReplicas(Path dataDir, EmbeddedDatabase database) {
        this.dataDir = dataDir;
        this.database = database;
    }

    /** Starts the database and both processes, and returns once both are ready. */
    public static TwoReplicas start(String name, String bootstrapAdmin) throws Exception {
        Path dataDir = Files.createTempDirectory("toms-" + name);
        TwoReplicas two = new TwoReplicas(dataDir, EmbeddedDatabase.start(dataDir.resolve("pg")));
        List<String> properties = List.of(
                "quarkus.datasource.jdbc.url=" + two.database.jdbcUrl(),
                "quarkus.datasource.username=" + EmbeddedDatabase.APP,
                "quarkus.datasource.password=" + two.database.appPassword(),
                "quarkus.flyway.username=" + EmbeddedDatabase.OWNER,
                "quarkus.flyway.password=" + two.database.ownerPassword(),
                "toms.bootstrap-admin-email=" + bootstrapAdmin,
                "toms.administration-year=",
                "toms.data-dir=" + dataDir);
        for (int i = 0; i < 2; i++) {
            two.replicas.add(PackagedService.launch(dataDir.resolve("replica-" + i + ".log"), properties));
        }
        for (PackagedService replica : two.replicas) {
            replica.awaitReady(Duration.ofSeconds(90));
        }
        return two;
    }

    /** The first (0) or second (1) process. */
    public PackagedService get(int replica) {
        return replicas.get(replica);
    }

    public EmbeddedDatabase database() {
        return database;
    }

    @Override
    public void close() throws Exception {
        for (PackagedService replica : replicas) {
            replica.terminate();
        }
        database.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
