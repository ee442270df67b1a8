package org.tomsprov.app.consumers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

import org.apache.commons.codec.digest.DigestUtils;
import org.tomsprov.app.AdministrationYears;
import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.EffectivePermissions;
import org.tomsprov.domain.PermissionResolver;
import org.tomsprov.persistence.AdministrationCalendar;
import org.tomsprov.persistence.ConsumerDocumentStore;
import org.tomsprov.persistence.ConsumerDocumentStore.Document;
import org.tomsprov.persistence.GrantLedger;
import org.tomsprov.persistence.GrantQueries;
import org.tomsprov.persistence.PermissionChangeRepository;

/**
 * Every change a consumer can see goes through here, inside the transaction that makes it: the user's version
 * (ETag) moves, the permission-change feed gets its entry, and each consumer's document is resolved and rendered
 * again, so a pull on any replica reads the change the moment it commits. Uploads and organization imports
 * rewrite documents a page of users at a time.
 */
@ApplicationScoped
public class ConsumerDocuments {

    /** How many users are resolved and written in one statement. */
    static final int PAGE = 1000;

    /** A user's effective permissions, as every document of theirs is made from. */
    record Resolved(UUID userId, String email, EffectivePermissions permissions) {
    }

    private final GrantLedger ledger;
    private final PermissionChangeRepository feed;
    private final GrantQueries grants;
    private final ConsumerDocumentStore store;
    private final PermissionResolver resolver;
    private final AdministrationYears years;
    private final DocumentBodies bodies;
    private final AdministrationCalendar calendar;
    private final Event<YearBegan> yearBegan;

    ConsumerDocuments(GrantLedger ledger, PermissionChangeRepository feed, GrantQueries grants,
            ConsumerDocumentStore store, PermissionResolver resolver, AdministrationYears years, DocumentBodies bodies,
            AdministrationCalendar calendar, Event<YearBegan> yearBegan) {
        this.calendar = calendar;
        this.yearBegan = yearBegan;
        this.ledger = ledger;
        this.feed = feed;
        this.grants = grants;
        this.store = store;
        this.resolver = resolver;
        this.years = years;
        this.bodies = bodies;
    }

    /** These users' roles changed: new versions, feed entries, documents. */
    public void rolesChanged(Collection<UUID> userIds) {
        ledger.changed(userIds);
        rewrite(userIds);
    }

    /**
     * A person this transaction created, with their first roles: a feed entry and their documents. Their version
     * stays the one they were created with, since no one can have read them before this commits.
     */
    public void created(UUID userId) {
        feed.appendAtCommit(List.of(userId));
        rewrite(List.of(userId));
    }

    /**
     * The users an upload's commit changed: each a feed entry; those who existed before it a new version and their
     * documents, as {@link #rolesChanged}, a page at a time. The transaction's thread reads and writes; a worker
     * renders each page's documents meanwhile (resolving and rendering are plain computation), so the database and
     * the renderer work side by side. At most two pages are held at once.
     *
     * <p>The people it created have no document anyone could read stale, so the commit does not wait for theirs:
     * they stay noted, and {@link #writeCreated} writes their first documents once the commit is in. Until then a pull
     * of one of them resolves them on the spot, as any user without a document.
     */
    public void rolesChangedStaged(UUID uploadId) {
        ledger.changedStaged(uploadId);
        AdministrationYear year = years.current();
        CompletableFuture<List<Document>> rendered = CompletableFuture.completedFuture(List.of());
        UUID after = null;
        for (List<UUID> page; !(page = ledger.affectedStaged(uploadId, after, PAGE)).isEmpty(); ) {
            List<GrantQueries.UserGrants> users = grants.byIds(page);
            List<Document> previous = joined(rendered);
            rendered = CompletableFuture.supplyAsync(() -> render(users, year), Infrastructure.getDefaultWorkerPool());
            store.write(previous);
            after = page.get(page.size() - 1);
        }
        store.write(joined(rendered));
        ledger.feedStaged(uploadId);
        ledger.forgetStaged(uploadId);
    }

    /**
     * Writes the first documents of the people committed uploads created, a page per transaction, until none is
     * left (of any upload: what a replica that stopped midway left too) or {@code stopping} says so; returns how many
     * people. Two writers take pages side by side, so that one renders while the other's statements run; concurrent
     * callers share the work the same way. A document a change wrote meanwhile is kept.
     */
    public int writeCreated(BooleanSupplier stopping) {
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> writeCreatedPages(stopping),
                Infrastructure.getDefaultWorkerPool());
        int written = writeCreatedPages(stopping);
        return written + joined(other);
    }

    private int writeCreatedPages(BooleanSupplier stopping) {
        int written = 0;
        for (int page; !stopping.getAsBoolean()
                && (page = QuarkusTransaction.requiringNew().call(this::writeCreatedPage)) > 0; ) {
            written += page;
        }
        return written;
    }

    private int writeCreatedPage() {
        List<UUID> ids = ledger.claimCreated(PAGE);
        fill(ids, years.current());
        return ids.size();
    }

    /**
     * {@code year} became current after {@code from} (the caller's transaction made it so). Every stored document is
     * now of the year before, so none is read any more: each user's next pull resolves them for the new year (the
     * same body and ETag when their roles did not change), and the backfill, started when this commits, writes the
     * rest. Users whose roles differ between the two years get a new version and a feed entry, here, set-based,
     * so consumers hear of exactly them. Returns how many users changed.
     */
    public int yearTransitioned(AdministrationYear from, AdministrationYear year) {
        int changed = calendar.sortForTransition(from.toString(), year.toString());
        UUID after = null;
        for (List<UUID> page; !(page = calendar.changedInTransition(after, PAGE)).isEmpty(); ) {
            ledger.versionsMoved(page);
            after = page.get(page.size() - 1);
        }
        calendar.feedTransition();
        calendar.forgetTransition();
        yearBegan.fire(new YearBegan(year.toString()));
        return changed;
    }

    /** A new administration year became current; observers after the commit see it. */
    public record YearBegan(String year) {
    }

    /** A user's status or email changed (their version moved with the edit): a feed entry and their documents. */
    public void accountChanged(UUID userId, String email) {
        feed.appendAtCommit(List.of(userId));
        rewrite(List.of(userId));
    }

    /** Organizations were renamed, closed, reopened or moved: everyone holding a role at or under them. */
    public void organizationsChanged(Collection<String> orgKeys) {
        List<UUID> users = grants.usersAtOrUnder(orgKeys);
        for (int from = 0; from < users.size(); from += PAGE) {
            rolesChanged(users.subList(from, Math.min(users.size(), from + PAGE)));
        }
    }

    /**
     * The documents for this consumer of users who have no current one (none yet, or one of another year),
     * resolved now and stored unless a change stores theirs meanwhile; by email key, unknown emails absent.
     */
    @Transactional
    Map<String, Document> resolveMissing(Consumer consumer, List<Email> emails) {
        AdministrationYear year = years.current();
        List<Document> documents = new ArrayList<>();
        Map<String, Document> asked = new HashMap<>();
        grants.byEmails(emails).forEach((key, user) -> {
            for (Document document : documents(resolve(user, year), year)) {
                documents.add(document);
                if (document.consumer().equals(consumer.group())) {
                    asked.put(key, document);
                }
            }
        });
        store.fill(documents);
        return asked;
    }

    /** Where a backfill pass starts: before every user id. */
    static final UUID FIRST = new UUID(0, 0);

    /** Whether some user has no document of the current year, so that a backfill pass has work. */
    @Transactional
    boolean backfillNeeded() {
        return !grants.everyoneHasDocument(CersPulls.CONSUMER.group(), years.current().toString());
    }

    /**
     * Writes the documents of up to {@code limit} users after {@code after} (in id order; {@link #FIRST} to begin)
     * who have none of the current year; returns the ids it looked at, in order (none: the pass is done).
     */
    @Transactional
    List<UUID> backfillPage(UUID after, int limit) {
        AdministrationYear year = years.current();
        List<UUID> ids = grants.withoutDocument(CersPulls.CONSUMER.group(), year.toString(), after, limit);
        fill(ids, year);
        return ids;
    }

    /** The documents of these users for {@code year}, where they have none of it; never over a change's. */
    private void fill(List<UUID> userIds, AdministrationYear year) {
        store.fill(render(grants.byIds(userIds), year));
    }

    private void rewrite(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        AdministrationYear year = years.current();
        store.write(render(grants.byIds(userIds), year));
    }

    /** Both consumers' documents of these users. */
    private List<Document> render(List<GrantQueries.UserGrants> users, AdministrationYear year) {
        List<Document> documents = new ArrayList<>(users.size() * 2);
        users.forEach(user -> documents.addAll(documents(resolve(user, year), year)));
        return documents;
    }

    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private Resolved resolve(GrantQueries.UserGrants user, AdministrationYear year) {
        return new Resolved(user.userId(), user.email(), resolver.resolve(user.status(), year, user.grants()));
    }

    private List<Document> documents(Resolved user, AdministrationYear year) {
        return List.of(document(CersPulls.CONSUMER, user, year, bodies.cers(CersPulls.view(user))),
                document(ToolsForTeachersPulls.CONSUMER, user, year,
                        bodies.toolsForTeachers(ToolsForTeachersPulls.view(user))));
    }

    private static Document document(Consumer consumer, Resolved user, AdministrationYear year, String body) {
        return new Document(consumer.group(), user.userId(), Email.keyOf(user.email()), year.toString(),
                DigestUtils.sha256Hex(body).substring(0, 32), body);
    }
}
