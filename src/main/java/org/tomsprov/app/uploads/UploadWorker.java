package org.tomsprov.app.uploads;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;
import org.tomsprov.persistence.UploadRepository;

/**
 * Runs upload jobs in the background. Jobs are claimed from the database with {@code FOR UPDATE SKIP LOCKED},
 * so replicas share the work and each upload is processed by one of them; a job whose holder stopped (crash,
 * shutdown) is claimed again once its heartbeat is stale, and starts over: validation from the file, commit as
 * one transaction that either happened whole or not at all. An upload received or committed on this instance
 * wakes its worker the moment that request's transaction commits; besides, the scheduler looks for work every
 * second (one indexed claim: what another replica queued waits at most that long). One instance never runs two
 * passes at once.
 */
@ApplicationScoped
public class UploadWorker {

    private static final Logger LOG = Logger.getLogger(UploadWorker.class);
    static final int STALE_SECONDS = 120;
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(25);

    private final UploadRepository uploads;
    private final UploadJobs jobs;
    private final String name = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile boolean failing;

    UploadWorker(UploadRepository uploads, UploadJobs jobs) {
        this.uploads = uploads;
        this.jobs = jobs;
    }

    /** Validated uploads left uncommitted for a day expire. */
    @Scheduled(every = "60s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        if (!stopping) {
            QuarkusTransaction.requiringNew().run(uploads::expireStale);
        }
    }

    /**
     * The service is shutting down: no new claims, validations pause at their next chunk, and this waits for the
     * job in hand to finish before the database is stopped (its observer runs after this one).
     */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        jobs.stop();
        long deadline = System.nanoTime() + DRAIN_WAIT.toNanos();
        while (running.get() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** An upload needs work (validation or commit); fired inside the transaction that queued it. */
    public record Queued(UUID uploadId) {
    }

    /**
     * The transaction that queued a job committed: drain now rather than at the next tick. A pass already running
     * looks once more before it stops, or starts another as it ends.
     */
    void wake(@Observes(during = TransactionPhase.AFTER_SUCCESS) Queued queued) {
        woken.set(true);
        if (!stopping && !running.get()) {
            Infrastructure.getDefaultWorkerPool().execute(this::drain);
        }
    }

    /** Claims and runs jobs until none is left. */
    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void drain() {
        if (stopping || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            while (!stopping) {
                woken.set(false);
                Optional<UUID> claimed = QuarkusTransaction.requiringNew().call(() -> uploads.claim(name, STALE_SECONDS));
                if (failing) {
                    LOG.info("upload worker reaches the database again");
                    failing = false;
                }
                if (claimed.isEmpty() && !woken.get()) {
                    return;
                }
                if (claimed.isEmpty()) {
                    continue;
                }
                try {
                    jobs.process(claimed.get());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "upload %s failed unexpectedly", claimed.get());
                    QuarkusTransaction.requiringNew().run(() -> uploads.fail(claimed.get(), "INTERNAL_ERROR",
                            "the upload could not be processed; nothing was applied; upload the file again"));
                }
                QuarkusTransaction.requiringNew().run(() -> uploads.release(claimed.get(), name));
            }
        } catch (RuntimeException e) {
            // once per outage, not once a second: the next passes retry quietly until one gets through
            if (!failing) {
                LOG.error("upload worker failed; it retries every second", e);
                failing = true;
            } else {
                LOG.debugf("upload worker still failing: %s", e.getMessage());
            }
        } finally {
            running.set(false);
            if (woken.get() && !stopping) {
                Infrastructure.getDefaultWorkerPool().execute(this::drain);
            }
        }
    }
}
