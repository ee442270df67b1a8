package org.tomsprov.authz;

import java.util.Objects;

/** The outcome of an authorization rule: allowed, or denied with a machine code and a reason for people. */
public sealed interface Decision permits Decision.Allow, Decision.Deny {

    Allow ALLOW = new Allow();

    static Decision allow() {
        return ALLOW;
    }

    static Decision deny(DenialCode code, String reason) {
        return new Deny(code, reason);
    }

    default boolean allowed() {
        return this instanceof Allow;
    }

    /** This decision if it denies, otherwise the next one: rules chain in order, the first denial wins. */
    default Decision and(java.util.function.Supplier<Decision> next) {
        return allowed() ? next.get() : this;
    }

    record Allow() implements Decision {
    }

    record Deny(DenialCode code, String reason) implements Decision {
        public Deny {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
