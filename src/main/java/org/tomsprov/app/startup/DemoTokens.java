package org.tomsprov.app.startup;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tomsprov.config.TomsConfig;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.consumers.Consumers;

/**
 * Demo mode's token helper: signs short-lived tokens for the demo people and service clients with the demo key
 * generated into the data directory. Outside demo mode, or without that key, it signs nothing.
 */
@ApplicationScoped
public class DemoTokens {

    private static final Logger LOG = Logger.getLogger(DemoTokens.class);

    private final TomsConfig config;
    private final String issuer;
    private final int port;

    DemoTokens(TomsConfig config, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        this.config = config;
        this.issuer = issuer;
        this.port = port;
    }

    public boolean enabled() {
        return config.demo() && Files.exists(keys().privateKeyFile());
    }

    /** A person's token: their email as {@code email} and {@code upn}. */
    public String personToken(String email) {
        requireEnabled();
        return Jwt.issuer(issuer).upn(email).claim("email", email).subject(email)
                .expiresIn(Duration.ofHours(12)).sign(keys().privateKey());
    }

    /** A service client's token, with {@code groups} naming the client. */
    public String serviceToken(String group) {
        requireEnabled();
        return Jwt.issuer(issuer).subject(group).groups(Set.of(group))
                .expiresIn(Duration.ofHours(12)).sign(keys().privateKey());
    }

    /** A token for every demo person and service client. */
    public Map<String, String> all() {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (DemoData.DemoPerson person : DemoData.PEOPLE) {
            tokens.put(person.key() + " (" + person.email() + ")", personToken(person.email()));
        }
        Consumers.ALL.forEach(consumer -> tokens.put(consumer.group(), serviceToken(consumer.group())));
        return tokens;
    }

    void announce(@Observes StartupEvent event) {
        if (enabled()) {
            LOG.infof("demo mode: get tokens with  curl -s localhost:%d/demo/tokens  then call e.g."
                    + "  curl -H \"Authorization: Bearer $TOKEN\" localhost:%d/api/v1/roles", port, port);
        }
    }

    private DemoKeys keys() {
        return new DemoKeys(Path.of(config.dataDir()).toAbsolutePath().resolve("demo-keys/demo-private.pem"),
                Path.of(config.dataDir()).toAbsolutePath().resolve("demo-keys/demo-public.pem"));
    }

    private void requireEnabled() {
        if (!enabled()) {
            throw ProblemException.notFound("NOT_FOUND", "demo mode is off");
        }
    }
}
