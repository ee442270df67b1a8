package org.tomsprov.app.identity;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.tomsprov.domain.Email;
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

    private static final Set<String> SERVICE_GROUPS = Consumers.groups();

    private final SecurityIdentity identity;
    private final UserRepository users;
    private final Actors actors;
    private Caller caller;
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

    /** The calling person's email (or the service client's subject), for audit. */
    public String name() {
        Caller c = caller();
        return c instanceof Caller.Person p ? p.email() : "service:" + ((Caller.Service) c).subject();
    }

    /** The calling person's own user record, when they have one. */
    public Optional<UserEntity> user() {
        caller();
        return user == null ? Optional.empty() : user;
    }

    /** Forget what was loaded: the caller's own rights changed within this request. */
    public void refresh() {
        caller = null;
        user = null;
    }

    private Caller resolve() {
        Set<String> groups = identity.getRoles();
        String subject = claim("sub").orElse(identity.getPrincipal().getName());
        if (groups.stream().anyMatch(SERVICE_GROUPS::contains)) {
            return new Caller.Service(subject, groups);
        }
        String email = claim("email").or(() -> claim("upn")).orElse(subject);
        user = users.findByEmail(Email.of(email));
        Actor actor = user.map(actors::of).orElse(Actor.none());
        return new Caller.Person(email, actor);
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
