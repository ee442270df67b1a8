package org.tomsprov.app.uploads;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.Metrics;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.audit.AuditLog;
import org.tomsprov.app.consumers.ConsumerDocuments;
import org.tomsprov.app.grants.GrantChecks;
import org.tomsprov.app.identity.Actors;
import org.tomsprov.app.uploads.CommitHooks.Step;
import org.tomsprov.authz.Caller;
import org.tomsprov.authz.Decision;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.domain.OrgPath;
import org.tomsprov.domain.UploadStatus;
import org.tomsprov.domain.UploadSummary;
import org.tomsprov.persistence.GrantLedger;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.persistence.Place;
import org.tomsprov.persistence.UploadEntity;
import org.tomsprov.persistence.UploadRepository;
import org.tomsprov.persistence.UploadRows;
import org.tomsprov.persistence.UserRepository;

/**
 * Commits a validated upload in one transaction, or nothing: the uploader's rights are re-checked against today's
 * state for each distinct (role, organization), then the staged rows go through {@link GrantLedger}, the writer of
 * single grants too, with the same audit events, version bumps and feed entries. Once it is in, the first documents
 * of the people it created are written ({@link ConsumerDocuments#rolesChangedStaged} says why after).
 *
 * <p>Why eleven collaborators: each is one step of the one transaction (re-check, write, audit, progress, hooks,
 * metrics); splitting them would split the transaction's story across classes.
 */
@ApplicationScoped
public class UploadCommit {

    private static final Logger LOG = Logger.getLogger(UploadCommit.class);

    private final UploadRepository uploads;
    private final UploadRows rows;
    private final OrganizationRepository organizations;
    private final Actors actors;
    private final HierarchyScopeAuthorizer authorizer;
    private final GrantLedger ledger;
    private final ConsumerDocuments documents;
    private final AdministrationYears years;
    private final GrantChecks checks;
    private final AuditLog audit;
    private final CommitHooks hooks;
    private final Metrics metrics;
    private volatile boolean stopping;

    UploadCommit(UploadRepository uploads, UploadRows rows, OrganizationRepository organizations, Actors actors,
            HierarchyScopeAuthorizer authorizer, GrantLedger ledger, ConsumerDocuments documents,
            AdministrationYears years, GrantChecks checks, AuditLog audit, CommitHooks hooks, Metrics metrics) {
        this.uploads = uploads;
        this.rows = rows;
        this.organizations = organizations;
        this.actors = actors;
        this.authorizer = authorizer;
        this.ledger = ledger;
        this.documents = documents;
        this.years = years;
        this.checks = checks;
        this.audit = audit;
        this.hooks = hooks;
        this.metrics = metrics;
    }

    /** The upload as it stands when its commit begins. */
    private record Start(String uploader, String requestId, int total, UploadSummary summary) {
    }

    void commit(UUID id) {
        Start start = QuarkusTransaction.requiringNew().call(() -> {
            UploadEntity u = uploads.findById(id);
            return new Start(u.uploaderEmail, u.requestId, u.totalRows, u.summary);
        });
        String year = years.current().toString();
        GrantLedger.Author by = new GrantLedger.Author(start.uploader(), start.requestId());
        long started = System.nanoTime();
        try {
            StepTimes steps = new StepTimes();
            try {
                QuarkusTransaction.requiringNew().timeout(1800).run(() -> apply(id, start, year, by, steps));
            } catch (RuntimeException e) {
                if (!UserRepository.lostEmailToConcurrentCreation(e)) {
                    throw e;
                }
                LOG.infof("upload %s: a person it creates was created by another request meanwhile; committing again", id);
                steps.done("first attempt, lost to a concurrent creation");
                QuarkusTransaction.requiringNew().timeout(1800).run(() -> apply(id, start, year, by, steps));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            metrics.upload("commit", "committed", start.total(), took);
            LOG.infof("upload %s committed: %d rows in %d ms (%s)", id, start.total(), took.toMillis(), steps);
        } catch (RuntimeException e) {
            failed(id, start, started, e);
            return;
        }
        writeFirstDocuments(id);
    }

    /** The commit rolled back: the upload fails with its reason. */
    private void failed(UUID id, Start start, long started, RuntimeException e) {
        metrics.upload("commit", "failed", start.total(), Duration.ofNanos(System.nanoTime() - started));
        ProblemException problem = e instanceof ProblemException p ? p : null;
        if (problem == null) {
            LOG.errorf(e, "commit of upload %s failed; nothing was applied", id);
        }
        QuarkusTransaction.requiringNew().run(() -> uploads.fail(id,
                problem == null ? "COMMIT_FAILED" : problem.code(),
                problem == null ? "the commit failed and nothing was applied; upload the file again" : problem.detail()));
    }

    /**
     * The first documents of the people the upload created, once its commit is in. The upload is committed whatever
     * happens here: what is left is written by the documents backfill, and pulled on the spot meanwhile.
     */
    private void writeFirstDocuments(UUID id) {
        long started = System.nanoTime();
        try {
            int people = documents.writeCreated(() -> stopping);
            if (people > 0) {
                LOG.infof("upload %s: first documents written for %d people created by uploads, in %d ms", id, people,
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            LOG.warnf("upload %s: writing the first documents of its new people stopped (%s); the documents backfill"
                    + " writes them, and a pull resolves them on the spot meanwhile", id, e.getClass().getSimpleName());
        }
    }

    /** The service is stopping: the first documents not written yet are left to the backfill. */
    void stop() {
        stopping = true;
    }

    /**
     * The commit's one transaction. A person the upload creates can be created by a single request while it runs;
     * the email index then refuses the upload's copy, and {@link #commit} runs this once more, which finds that
     * person and gives them the upload's roles.
     */
    private void apply(UUID id, Start start, String year, GrantLedger.Author by, StepTimes steps) {
        recheck(id, actors.person(start.uploader()));
        steps.done("recheck");
        hooks.after(id, Step.RIGHTS_RECHECKED);
        int created = ledger.createStaged(by, id);
        steps.done("users");
        hooks.after(id, Step.USERS_CREATED);
        progress(id, start.total() / 4, start.total());
        int granted = ledger.grantStaged(by, year, id);
        steps.done("grants");
        hooks.after(id, Step.ROLES_GRANTED);
        progress(id, start.total() / 2, start.total());
        int removed = ledger.revokeStaged(by, year, id);
        steps.done("removals");
        hooks.after(id, Step.ROLES_REMOVED);
        progress(id, start.total() * 3 / 4, start.total());
        documents.rolesChangedStaged(id);
        steps.done("feed and documents");
        hooks.after(id, Step.FEED_WRITTEN);
        metrics.granted(granted);
        metrics.revoked(removed);
        UploadSummary applied = new UploadSummary(created, start.summary().update(), granted, removed,
                start.total() - granted - removed);
        audit.record(start.uploader(), AuditLog.Action.UPLOAD_COMMITTED, null, null, null,
                Map.of("uploadId", id, "summary", applied));
        UploadEntity upload = uploads.findById(id);
        upload.status = UploadStatus.COMMITTED;
        upload.summary = applied;
        upload.processedRows = start.total();
        upload.finishedAt = OffsetDateTime.now();
        upload.content = null;
        rows.clear(id, false);
        steps.done("audit and cleanup");
    }

    private void progress(UUID id, int processed, int total) {
        QuarkusTransaction.requiringNew().run(() -> uploads.progress(id, processed, total));
    }

    /** The uploader's rights, and the organizations, as they are now: what changed since validation is refused. */
    private void recheck(UUID id, Caller uploader) {
        AdministrationYear current = years.current();
        java.util.List<UploadRows.Pair> pairs = rows.pairs(id);
        Map<Long, Place> places = organizations.places(pairs.stream().map(UploadRows.Pair::orgId).distinct().toList());
        for (UploadRows.Pair pair : pairs) {
            OrgPath org = places.get(pair.orgId()).path();
            AdministrationYear year = pair.administrationYear() == null ? current
                    : AdministrationYear.parse(pair.administrationYear());
            Decision decision = pair.remove() ? authorizer.revoke(uploader, pair.role(), org)
                    : checks.decideGrant(uploader, pair.role(), org, false, year);
            if (decision instanceof Decision.Deny deny) {
                throw ProblemException.conflict(deny.code().name(),
                        "something changed since validation: " + deny.reason() + "; nothing was applied");
            }
        }
    }
}
