package org.tomsprov.app.identity;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.tomsprov.app.consumers.Consumers;
import org.tomsprov.authz.Actor;
import org.tomsprov.authz.Caller;
import org.tomsprov.persistence.UserEntity;
import org.tomsprov.persistence.UserRepository;

/**
 * Who is calling, for this request. A person is known by the token's {@code email}, else {@code upn}, else
 * {@code sub}; their rights come from the assignments this service holds, never from the token. A token whose
 * {@code groups} name a service client is that client.
 */
@RequestScoped
public class CallerContext {

    /** The group of a district's SCIM provisioning client; its token's {@code lea} claim names its LEA. */
    public static final String PROVISIONER_GROUP = "scim-provisioner";

    /** The token groups that make a caller a service client rather than a person. */
    public static final Set<String> SERVICE_GROUPS = serviceGroups();

    private static Set<String> serviceGroups() {
        Set<String> groups = new java.util.HashSet<>(Consumers.groups());
        groups.add(PROVISIONER_GROUP);
        return Set.copyOf(groups);
    }

    private final SecurityIdentity identity;
    private final UserRepository users;
    private final Actors actors;
    private Caller caller;
    private UUID userId;
    private Optional<UserEntity> user;

    CallerContext(SecurityIdentity identity, UserRepository users, Actors actors) {
        this.identity = identity;
        this.users = users;
        this.actors = actors;
    }

    public Caller caller() {
        if (caller == null) {
            caller = resolve();
        }
        return caller;
    }

    /**
     * The caller as far as the token alone tells, without the database: the service client its groups name, or a
     * person known by email whose assignments were not read (no roles). For rules that admit service clients only,
     * where the request must not wait on a query to be refused.
     */
    public Caller fromTokenAlone() {
        if (caller != null) {
            return caller;
        }
        Caller.Service service = serviceClient();
        return service != null ? service : new Caller.Person(personEmail(), Actor.none());
    }

    /** The calling person's email (or the service client's subject, or the provisioner's and its LEA), for audit. */
    public String name() {
        Caller c = caller();
        if (c instanceof Caller.Person p) {
            return p.email();
        }
        return c instanceof Caller.Provisioner p ? "scim:" + p.subject() + "@" + p.leaCode()
                : "service:" + ((Caller.Service) c).subject();
    }

    /**
     * For the rest of this request the caller is the district provisioning client its token names, acting with its
     * LEA's primary coordinator's rights, when the token is a {@value #PROVISIONER_GROUP} one; any other caller stays
     * as it is (and the authorizer's {@code provision} rule refuses it). Only the SCIM use cases ask for this.
     */
    public Caller asProvisioner() {
        Caller c = caller();
        if (c instanceof Caller.Service service && service.groups().contains(PROVISIONER_GROUP)) {
            String lea = claim("lea").orElse("");
            caller = new Caller.Provisioner(service.subject(), lea, actors.provisioner(lea));
        }
        return caller;
    }

    /** The calling person's own user record, when they have one. */
    public Optional<UserEntity> user() {
        caller();
        if (user == null) {
            user = userId == null ? Optional.empty() : users.findByIdOptional(userId);
        }
        return user;
    }

    /** Forget what was loaded: the caller's own rights changed within this request. */
    public void refresh() {
        caller = null;
        userId = null;
        user = null;
    }

    private Caller resolve() {
        Caller.Service service = serviceClient();
        if (service != null) {
            return service;
        }
        Actors.Identified who = actors.identify(personEmail());
        userId = who.userId().orElse(null);
        return who.person();
    }

    /** The service client the token's groups name, or null for a person's token. */
    private Caller.Service serviceClient() {
        Set<String> groups = identity.getRoles();
        return groups.stream().anyMatch(SERVICE_GROUPS::contains) ? new Caller.Service(subject(), groups) : null;
    }

    /** A person is known by the token's {@code email}, else {@code upn}, else {@code sub}. */
    private String personEmail() {
        return claim("email").or(() -> claim("upn")).orElse(subject());
    }

    private String subject() {
        return claim("sub").orElse(identity.getPrincipal().getName());
    }

    private Optional<String> claim(String name) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object value = jwt.getClaim(name);
            String text = value instanceof jakarta.json.JsonString json ? json.getString()
                    : value == null ? null : value.toString();
            if (text != null && !text.isBlank()) {
                return Optional.of(text.trim());
            }
        }
        return Optional.empty();
    }
}
