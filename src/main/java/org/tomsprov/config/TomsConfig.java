package org.tomsprov.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

@ConfigMapping(prefix = "toms")
public interface TomsConfig {

    /**
     * Override of the current administration year, like {@code 2026-27}, for tests and demos; without it the
     * administration calendar in the database decides (changed only by the transition).
     */
    Optional<String> administrationYear();

    /** Where the embedded PostgreSQL keeps its files and demo mode its keys. */
    @WithDefault("./data")
    String dataDir();

    /** Loads demo organizations and people and enables the demo token helper. */
    @WithDefault("false")
    boolean demo();

    /** At start, ensures this person holds STATE_ADMINISTRATOR at CA. */
    Optional<String> bootstrapAdminEmail();

    /**
     * Only for the start that trains the image's class-data sharing archive: the JVM's class-load log of that start,
     * whose classes are linked as it stops so that the archive holds them (deploy/Dockerfile.jvm).
     */
    Optional<String> classArchiveTrainingLog();

    Tenancy tenancy();

    Upload upload();

    Tokens tokens();

    Documents documents();

    /** The consumers' stored documents. */
    interface Documents {
        /**
         * How often documents no change wrote (data loaded directly, a new administration year) are written in the
         * background, the first pass soon after start: a duration such as {@code 10m}, or {@code off}.
         */
        @WithDefault("10m")
        String backfillEvery();
    }

    /** What a bearer token must be besides validly signed by the configured key and issuer. */
    interface Tokens {
        /** The longest a token may live, {@code exp - iat}. */
        @WithDefault("PT12H")
        java.time.Duration maxLifetime();

        /** How far in the future {@code iat} may lie, for clocks that disagree. */
        @WithDefault("PT60S")
        java.time.Duration clockSkew();
    }

    interface Tenancy {
        /** ClientID of tenancy chains. */
        @WithDefault("1000")
        String clientId();

        /** Client name of tenancy chains. */
        @WithDefault("CA")
        String clientName();
    }

    interface Upload {
        @WithDefault("26214400")
        long maxBytes();

        @WithDefault("200000")
        int maxRows();
    }
}
