package org.tomsprov.app.consumers;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

/**
 * Writes the documents changes did not: users created before documents existed or loaded straight into the
 * database, and everyone when a new administration year begins. A page at a time, each its own transaction, never
 * over a document a change wrote meanwhile; until then a pull resolves such a user on the spot. Runs soon after
 * start, then every {@code toms.documents.backfill-every} ({@code off} to disable), and as soon as a transition to
 * a new year commits.
 */
@ApplicationScoped
class DocumentBackfill {

    private static final Logger LOG = Logger.getLogger(DocumentBackfill.class);

    private final ConsumerDocuments documents;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;

    private final boolean enabled;

    DocumentBackfill(ConsumerDocuments documents, org.tomsprov.config.TomsConfig config) {
        this.documents = documents;
        this.enabled = !"off".equals(config.documents().backfillEvery());
    }

    /** A new year began: every user's documents are last year's, so a pass starts now, off the request's thread. */
    void yearBegan(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConsumerDocuments.YearBegan event) {
        if (enabled) {
            again.set(true);
            Infrastructure.getDefaultWorkerPool().execute(this::run);
        }
    }

    @Scheduled(every = "${toms.documents.backfill-every}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (stopping || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            do {
                again.set(false);
                pass();
            } while (again.get() && !stopping);
        } finally {
            running.set(false);
        }
        if (again.get() && !stopping) {
            run();
        }
    }

    /**
     * Writes the first documents of people uploads created that no upload's job wrote (it stopped first), then pages
     * once through the users in id order, writing the documents of those without one of the current year, unless a
     * count finds none of them; asked again meanwhile (a new year began), {@link #run} makes another pass.
     */
    private void pass() {
        try {
            int created = documents.writeCreated(() -> stopping);
            if (created > 0) {
                LOG.infof("first documents written for %d people uploads created", created);
            }
            if (!documents.backfillNeeded()) {
                return;
            }
            long started = System.nanoTime();
            int written = 0;
            UUID after = ConsumerDocuments.FIRST;
            for (List<UUID> page; !stopping && !(page = documents.backfillPage(after, ConsumerDocuments.PAGE)).isEmpty(); ) {
                written += page.size();
                after = page.get(page.size() - 1);
            }
            if (written > 0) {
                LOG.infof("consumer documents written for %d users in %d ms", written,
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            LOG.warnf("consumer documents backfill stopped (%s); pulls resolve those users on the spot until the"
                    + " next pass", e.getClass().getSimpleName());
        }
    }

    /** Stops after the page in hand, before the database goes. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (running.get() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
