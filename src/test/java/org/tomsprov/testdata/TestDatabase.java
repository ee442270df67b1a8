package org.tomsprov.testdata;

import io.quarkus.test.common.QuarkusTestResource;

/** Every @QuarkusTest runs against one embedded PostgreSQL. */
@QuarkusTestResource(EmbeddedPostgresResource.class)
public final class TestDatabase {

    private TestDatabase() {
    }
}
