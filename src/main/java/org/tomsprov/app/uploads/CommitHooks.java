package org.tomsprov.app.uploads;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Called after each step of an upload commit, inside its transaction. Production does nothing here; tests
 * replace it to fail a commit midway and prove that nothing of it stays.
 */
@ApplicationScoped
public class CommitHooks {

    /** A step of the commit. */
    public enum Step { RIGHTS_RECHECKED, USERS_CREATED, ROLES_GRANTED, ROLES_REMOVED, FEED_WRITTEN }

    public void after(UUID uploadId, Step step) {
        // nothing to do in production
    }
}
