package org.tomsprov.app.uploads;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Called after each step of an upload commit, inside its transaction. Production does nothing here; tests
 * replace it to fail a commit midway and prove that nothing of it stays.
 */
@ApplicationScoped
public class CommitHooks {

    public void after(UUID uploadId, UploadJobs.CommitStep step) {
        // nothing to do in production
    }
}
