package org.tomsprov.app.uploads;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;
import org.tomsprov.persistence.UploadRepository;

/**
 * Runs upload jobs in the background. Jobs are claimed from the database with {@code FOR UPDATE SKIP LOCKED},
 * so replicas share the work and each upload is processed by one of them; a job whose holder stopped (crash,
 * shutdown) is claimed again once its heartbeat is stale, and starts over: validation from the file, commit as
 * one transaction that either happened whole or not at all.
 */
@ApplicationScoped
public class UploadWorker {

    private static final Logger LOG = Logger.getLogger(UploadWorker.class);
    static final int STALE_SECONDS = 120;

    private final UploadRepository uploads;
    private final UploadJobs jobs;
    private final String name = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicBoolean draining = new AtomicBoolean();
    private ScheduledExecutorService executor;

    UploadWorker(UploadRepository uploads, UploadJobs jobs) {
        this.uploads = uploads;
        this.jobs = jobs;
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "upload-worker");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::drain, 1, 5, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (executor != null) {
            jobs.stop();
            executor.shutdown();
            executor.awaitTermination(25, TimeUnit.SECONDS);
        }
    }

    /** New work was committed: look now rather than at the next tick. */
    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) UploadService.UploadQueued queued) {
        if (executor != null && !executor.isShutdown()) {
            executor.execute(this::drain);
        }
    }

    /** Claims and runs jobs until none is left. */
    void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(uploads::expireStale);
            while (!executor.isShutdown()) {
                Optional<UUID> claimed = QuarkusTransaction.requiringNew().call(() -> uploads.claim(name, STALE_SECONDS));
                if (claimed.isEmpty()) {
                    return;
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
            LOG.error("upload worker failed; it retries at the next tick", e);
        } finally {
            draining.set(false);
        }
    }
}
