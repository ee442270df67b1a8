package org.tomsprov.app.users;

/**
 * The caller's condition on the version of the user they change (an HTTP {@code If-Match}): it throws when the
 * user's current version does not meet it. {@link #NONE} accepts any version.
 */
@FunctionalInterface
public interface Precondition {

    Precondition NONE = version -> { };

    void check(long currentVersion);
}
