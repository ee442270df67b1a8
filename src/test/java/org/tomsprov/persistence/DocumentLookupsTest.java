package org.tomsprov.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tomsprov.persistence.ConsumerDocumentStore.Stored;

/**
 * Lookups that wait while a statement runs are read together by the next one, each answered with its own user's
 * document, over the connection the reader kept; a failed statement fails the lookups it carried and gives the
 * connection back, and a full queue refuses at once.
 */
class DocumentLookupsTest {

    /** A statement as the store runs it: the keys asked, and a document for every key but those of nobody. */
    private record Statement(String consumer, List<String> keys, String year) {
    }

    private final List<Statement> statements = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstStatementMayFinish = new CountDownLatch(1);
    private final CountDownLatch firstStatementStarted = new CountDownLatch(1);
    private final AtomicInteger borrowed = new AtomicInteger();
    private final AtomicInteger givenBack = new AtomicInteger();
    private volatile boolean poolDown;
    private DocumentLookups lookups;

    /** A connection of the pool as the store borrows it: counted when borrowed and when given back. */
    private ConsumerDocumentStore.Reader borrow() {
        if (poolDown) {
            throw new IllegalStateException("reading consumer documents failed");
        }
        borrowed.incrementAndGet();
        return new ConsumerDocumentStore.Reader() {
            @Override
            public Map<String, Stored> find(String consumer, Collection<String> keys, String year) {
                return read(consumer, List.copyOf(keys), year);
            }

            @Override
            public void close() {
                givenBack.incrementAndGet();
            }
        };
    }

    private Map<String, Stored> read(String consumer, List<String> keys, String year) {
        statements.add(new Statement(consumer, keys, year));
        firstStatementStarted.countDown();
        await(firstStatementMayFinish);
        if (keys.contains("broken@x.example")) {
            throw new IllegalStateException("reading consumer documents failed");
        }
        return keys.stream().filter(key -> !key.startsWith("nobody"))
                .collect(Collectors.toMap(key -> key, key -> new Stored(key, "v-" + consumer + "-" + year, "{" + key + "}")));
    }

    @AfterEach
    void stop() {
        firstStatementMayFinish.countDown();
        lookups.stop();
    }

    @Test
    void lookupsQueuedWhileAStatementRunsAreReadTogetherEachWithItsOwnDocument() throws Exception {
        lookups = new DocumentLookups(this::borrow, 1, 100);
        CompletableFuture<Optional<Stored>> first = lookups.find("cers-service", "first@x.example", null).toCompletableFuture();
        firstStatementStarted.await(5, TimeUnit.SECONDS);
        List<CompletableFuture<Optional<Stored>>> waiting = IntStream.range(0, 10)
                .mapToObj(i -> lookups.find("cers-service", (i == 3 ? "nobody" : "u" + i) + "@x.example", null)
                        .toCompletableFuture())
                .toList();
        firstStatementMayFinish.countDown();

        assertEquals("{first@x.example}", first.get(5, TimeUnit.SECONDS).orElseThrow().body());
        for (int i = 0; i < 10; i++) {
            Optional<Stored> document = waiting.get(i).get(5, TimeUnit.SECONDS);
            if (i == 3) {
                assertFalse(document.isPresent(), "no document for an email nobody has");
            } else {
                assertEquals("{u" + i + "@x.example}", document.orElseThrow().body());
            }
        }
        assertEquals(2, statements.size(), "the ten waiting lookups were read by one statement");
        assertEquals(10, statements.get(1).keys().size());
        assertEquals(1, borrowed.get(), "both statements ran over the connection the reader kept");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> givenBack.get() == 1);
    }

    @Test
    void aReaderGivesItsConnectionBackWhenNothingWaitsAndBorrowsAgainForTheNextLookup() throws Exception {
        firstStatementMayFinish.countDown();
        lookups = new DocumentLookups(this::borrow, 1, 100);
        lookups.find("cers-service", "u1@x.example", null).toCompletableFuture().get(5, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> givenBack.get() == 1);
        lookups.find("cers-service", "u2@x.example", null).toCompletableFuture().get(5, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> givenBack.get() == 2);
        assertEquals(2, borrowed.get());
    }

    @Test
    void aLookupThatFindsNoConnectionFailsAndTheNextOneIsReadOnceThePoolAnswers() throws Exception {
        firstStatementMayFinish.countDown();
        lookups = new DocumentLookups(this::borrow, 1, 100);
        poolDown = true;
        ExecutionException failure = assertThrows(ExecutionException.class, () ->
                lookups.find("cers-service", "u1@x.example", null).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, failure.getCause());
        poolDown = false;
        assertEquals("{u2@x.example}", lookups.find("cers-service", "u2@x.example", null).toCompletableFuture()
                .get(5, TimeUnit.SECONDS).orElseThrow().body());
    }

    @Test
    void lookupsOfAnotherConsumerOrYearAreReadByTheirOwnStatement() throws Exception {
        lookups = new DocumentLookups(this::borrow, 1, 100);
        lookups.find("cers-service", "first@x.example", null);
        firstStatementStarted.await(5, TimeUnit.SECONDS);
        var cers = lookups.find("cers-service", "a@x.example", "2026-27").toCompletableFuture();
        var t4t = lookups.find("t4t-service", "a@x.example", "2026-27").toCompletableFuture();
        var lastYear = lookups.find("cers-service", "a@x.example", "2025-26").toCompletableFuture();
        firstStatementMayFinish.countDown();

        assertEquals("v-cers-service-2026-27", cers.get(5, TimeUnit.SECONDS).orElseThrow().version());
        assertEquals("v-t4t-service-2026-27", t4t.get(5, TimeUnit.SECONDS).orElseThrow().version());
        assertEquals("v-cers-service-2025-26", lastYear.get(5, TimeUnit.SECONDS).orElseThrow().version());
        assertEquals(4, statements.size());
    }

    @Test
    void aFailedStatementFailsEveryLookupItCarriedAndTheNextStatementStillRuns() throws Exception {
        lookups = new DocumentLookups(this::borrow, 1, 100);
        lookups.find("cers-service", "first@x.example", null);
        firstStatementStarted.await(5, TimeUnit.SECONDS);
        var broken = lookups.find("cers-service", "broken@x.example", null).toCompletableFuture();
        var besideIt = lookups.find("cers-service", "u1@x.example", null).toCompletableFuture();
        firstStatementMayFinish.countDown();

        ExecutionException failure = assertThrows(ExecutionException.class, () -> broken.get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, failure.getCause());
        ExecutionException same = assertThrows(ExecutionException.class, () -> besideIt.get(5, TimeUnit.SECONDS));
        assertSame(failure.getCause(), same.getCause());
        assertEquals("{u2@x.example}", lookups.find("cers-service", "u2@x.example", null).toCompletableFuture()
                .get(5, TimeUnit.SECONDS).orElseThrow().body());
        assertEquals(2, borrowed.get(), "the failed statement's connection was given back, the next read borrowed anew");
    }

    @Test
    void aFullQueueRefusesANewLookupAtOnceAsTheDatabaseBeingUnavailable() throws Exception {
        lookups = new DocumentLookups(this::borrow, 1, 2);
        lookups.find("cers-service", "first@x.example", null);
        firstStatementStarted.await(5, TimeUnit.SECONDS);
        lookups.find("cers-service", "u1@x.example", null);
        lookups.find("cers-service", "u2@x.example", null);

        var refused = lookups.find("cers-service", "u3@x.example", null).toCompletableFuture();
        assertTrue(refused.isCompletedExceptionally(), "refused without waiting");
        ExecutionException failure = assertThrows(ExecutionException.class, refused::get);
        assertInstanceOf(SQLTransientConnectionException.class, failure.getCause());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
