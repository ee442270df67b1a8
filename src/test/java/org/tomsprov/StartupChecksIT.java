package org.tomsprov;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tomsprov.testdata.PackagedService;

/** A start that cannot work says why in one line, before any database work, and exits; no stack trace. */
class StartupChecksIT {

    Path dir;
    Path log;

    @BeforeEach
    void directory() throws IOException {
        dir = Files.createTempDirectory("toms-startup");
        log = dir.resolve("service.log");
    }

    @AfterEach
    void clean() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    String oneLine() throws IOException {
        String output = Files.readString(log);
        assertThat(output).doesNotContain("Exception").doesNotContain("\tat ");
        return output;
    }

    @Test
    void aPortInUseIsSaidBeforeTheDatabaseStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            int exit = PackagedService.runToExit(log, taken.getLocalPort(), List.of("toms.data-dir=" + dir));
            assertThat(exit).isEqualTo(1);
        }
        assertThat(oneLine()).contains("cannot start: port").contains("QUARKUS_HTTP_PORT");
        assertThat(dir.resolve("db")).doesNotExist();
    }

    @Test
    void anExternalDatabaseThatDoesNotAnswerIsNamed() throws Exception {
        int nothing = PackagedService.freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + nothing + "/toms";
        int exit = PackagedService.runToExit(log, PackagedService.freePort(), List.of("toms.data-dir=" + dir,
                "quarkus.datasource.jdbc.url=" + url, "quarkus.datasource.username=toms", "quarkus.datasource.password=x"));
        assertThat(exit).isEqualTo(1);
        assertThat(oneLine()).contains("cannot start: the database at " + url + " does not answer");
    }

    @Test
    void aMissingTokenKeyIsNamed() throws Exception {
        int exit = PackagedService.runToExit(log, PackagedService.freePort(), List.of("toms.data-dir=" + dir,
                "mp.jwt.verify.publickey.location=" + dir.resolve("missing.pem")));
        assertThat(exit).isEqualTo(1);
        assertThat(oneLine()).contains("cannot start: the token verification key").contains("missing.pem");
        assertThat(dir.resolve("db")).doesNotExist();
    }

    @Test
    void aSecondInstanceOnTheSameDataDirectoryNamesTheFirst() throws Exception {
        PackagedService first = PackagedService.start(dir.resolve("first.log"), List.of("toms.data-dir=" + dir));
        try {
            int exit = PackagedService.runToExit(log, PackagedService.freePort(), List.of("toms.data-dir=" + dir));
            assertThat(exit).isEqualTo(1);
            assertThat(oneLine()).contains("another instance is already running on")
                    .contains("(pid " + first.process().pid() + ")");
        } finally {
            first.terminate();
        }
    }
}
