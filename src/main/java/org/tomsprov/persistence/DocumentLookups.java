package org.tomsprov.persistence;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.jboss.logging.Logger;
import org.tomsprov.persistence.ConsumerDocumentStore.Reader;
import org.tomsprov.persistence.ConsumerDocumentStore.Stored;

/**
 * One user's consumer document, read without holding the caller's thread: a lookup waits in a queue, and each of a
 * few reader threads takes every lookup waiting (up to {@value #MAX_BATCH}) into one statement. Alone, a lookup is
 * read at once, by itself; under load one round trip answers many pulls (on two cores a statement for 16 users cost
 * about as much as three single ones). A reader keeps the connection it borrowed while lookups keep waiting, and gives
 * it back once none wait or a statement fails: under load the pool's validation round trip, paid on every borrow, is
 * not paid per statement. Every lookup is read by a statement that starts after it was queued, so it sees every change
 * committed before the pull arrived, on any replica.
 *
 * <p>When more than {@value #MAX_WAITING} lookups wait, the database is not keeping up: a new lookup fails at once as
 * the database being unavailable (a 503 the consumer may retry) instead of queueing without bound.
 */
@ApplicationScoped
public class DocumentLookups {

    static final int MAX_BATCH = 64;
    static final int MAX_WAITING = 10_000;
    private static final Logger LOG = Logger.getLogger(DocumentLookups.class);

    private record Lookup(String consumer, String emailKey, String year, CompletableFuture<Optional<Stored>> answer) {
    }

    private record Group(String consumer, String year) {
    }

    private final Supplier<Reader> borrow;
    private final BlockingQueue<Lookup> waiting;
    private final List<Thread> readers = new ArrayList<>();
    private volatile boolean stopped;

    @Inject
    DocumentLookups(ConsumerDocumentStore store) {
        this(store::reader, Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors())), MAX_WAITING);
    }

    DocumentLookups(Supplier<Reader> borrow, int readerThreads, int capacity) {
        this.borrow = borrow;
        this.waiting = new ArrayBlockingQueue<>(capacity);
        for (int i = 0; i < readerThreads; i++) {
            Thread reader = new Thread(this::readWhileRunning, "document-reader-" + i);
            reader.setDaemon(true);
            readers.add(reader);
            reader.start();
        }
    }

    /**
     * This consumer's document of {@code year} (or of the calendar's current year when null) for the user with this
     * email key; empty when there is none. Completes on a reader thread.
     */
    public CompletionStage<Optional<Stored>> find(String consumer, String emailKey, String year) {
        CompletableFuture<Optional<Stored>> answer = new CompletableFuture<>();
        if (stopped || !waiting.offer(new Lookup(consumer, emailKey, year, answer))) {
            answer.completeExceptionally(new SQLTransientConnectionException(
                    stopped ? "the service is stopping" : "more pulls are waiting for the database than it answers"));
        }
        return answer;
    }

    private void readWhileRunning() {
        List<Lookup> batch = new ArrayList<>(MAX_BATCH);
        while (!stopped) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                break;
            }
            answerWhileWaiting(batch);
            batch.clear();
        }
    }

    /** Answers the batch, then every lookup that waits meanwhile, over one borrowed connection. */
    private void answerWhileWaiting(List<Lookup> batch) {
        Reader reader;
        try {
            reader = borrow.get();
        } catch (RuntimeException e) {
            batch.forEach(lookup -> lookup.answer().completeExceptionally(e));
            return;
        }
        try (reader) {
            while (true) {
                waiting.drainTo(batch, MAX_BATCH - batch.size());
                boolean answered = answer(batch, reader);
                batch.clear();
                Lookup next = answered && !stopped ? waiting.poll() : null;
                if (next == null) {
                    return;
                }
                batch.add(next);
            }
        } catch (RuntimeException e) {
            batch.forEach(lookup -> lookup.answer().completeExceptionally(e));
            LOG.debugf(e, "a document reader's connection failed");
        }
    }

    /** Answers each lookup of the batch by one statement per consumer and year; false when a statement failed. */
    private boolean answer(List<Lookup> batch, Reader reader) {
        Map<Group, List<Lookup>> groups = new LinkedHashMap<>();
        batch.forEach(lookup -> groups.computeIfAbsent(new Group(lookup.consumer(), lookup.year()),
                group -> new ArrayList<>()).add(lookup));
        boolean answered = true;
        for (Map.Entry<Group, List<Lookup>> group : groups.entrySet()) {
            List<Lookup> lookups = group.getValue();
            try {
                Map<String, Stored> found = reader.find(group.getKey().consumer(),
                        lookups.stream().map(Lookup::emailKey).distinct().toList(), group.getKey().year());
                lookups.forEach(lookup -> lookup.answer().complete(Optional.ofNullable(found.get(lookup.emailKey()))));
            } catch (RuntimeException e) {
                lookups.forEach(lookup -> lookup.answer().completeExceptionally(e));
                answered = false;
            }
        }
        return answered;
    }

    /** Stops the readers once the HTTP server has let its last request go; lookups still waiting fail. */
    @PreDestroy
    void stop() {
        stopped = true;
        readers.forEach(Thread::interrupt);
        for (Thread reader : readers) {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Lookup> left = new ArrayList<>();
        waiting.drainTo(left);
        if (!left.isEmpty()) {
            LOG.warnf("%d document lookups were still waiting at shutdown", left.size());
        }
        left.forEach(lookup -> lookup.answer().completeExceptionally(
                new SQLTransientConnectionException("the service is stopping")));
    }
}
