package org.tomsprov;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tomsprov.testdata.PackagedService;

/** Demo mode hands out tokens to whoever reaches it: it listens on loopback only unless the operator says otherwise. */
class DemoModeIT {

    @Test
    void demoModeListensOnLoopbackOnlyAndSaysSo() throws Exception {
        Path dir = Files.createTempDirectory("toms-demo");
        Path log = dir.resolve("service.log");
        PackagedService service = PackagedService.start(log, List.of("toms.data-dir=" + dir, "toms.demo=true",
                "mp.jwt.verify.publickey.location="));
        try {
            given().port(service.port()).when().get("/demo/tokens").then().statusCode(200);
            String output = Files.readString(log);
            assertThat(output).contains("Demo mode: listening on 127.0.0.1 only")
                    .contains("Listening on: http://127.0.0.1:" + service.port());
        } finally {
            service.terminate();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
