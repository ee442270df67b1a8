package org.tomsprov.boot;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

import jakarta.inject.Singleton;

import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Holds the schema migration, the first work that connects to the database, until the external database's start-up
 * check has answered: a database that does not answer is said in one line ({@link StartupChecks#database}) rather than
 * in the migration's stack trace. The process then halts: exit hooks would wait for the start this thread is making.
 */
@Singleton
public class DatabaseCheckGate implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        StartupChecks.databaseVerdict().ifPresent(reason -> {
            StartupChecks.cannotStart(reason);
            System.err.flush();
            Runtime.getRuntime().halt(1);
        });
    }
}
