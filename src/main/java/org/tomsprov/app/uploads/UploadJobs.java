package org.tomsprov.app.uploads;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

import org.tomsprov.domain.UploadStatus;
import org.tomsprov.persistence.UploadRepository;

/** The background work of an upload: whatever the claimed upload needs next, validation or commit. */
@ApplicationScoped
public class UploadJobs {

    private final UploadRepository uploads;
    private final UploadValidation validation;
    private final UploadCommit commit;

    UploadJobs(UploadRepository uploads, UploadValidation validation, UploadCommit commit) {
        this.uploads = uploads;
        this.validation = validation;
        this.commit = commit;
    }

    /** Runs whatever the claimed upload needs next. */
    public void process(UUID id) {
        UploadStatus status = QuarkusTransaction.requiringNew().call(() -> uploads.findById(id).status);
        switch (status) {
            case RECEIVED, VALIDATING -> validation.validate(id);
            case COMMITTING -> commit.commit(id);
            default -> { }
        }
    }

    /**
     * The service is shutting down: validations stop at their next safe point (between chunks, each chunk its own
     * transaction); a commit, one transaction, finishes or rolls back whole, and the first documents of the people
     * it created, written after it, are left to the backfill.
     */
    void stop() {
        validation.stop();
        commit.stop();
    }
}
