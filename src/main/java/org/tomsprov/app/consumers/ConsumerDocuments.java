package org.tomsprov.app.consumers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
import org.tomsprov.domain.ServedChange;
import org.tomsprov.persistence.AdministrationCalendar;
import org.tomsprov.persistence.ConsumerDocumentStore;
import org.tomsprov.persistence.ConsumerDocumentStore.Document;
import org.tomsprov.persistence.GrantLedger;
import org.tomsprov.persistence.GrantQueries;
import org.tomsprov.persistence.PermissionChangeRepository;

/**
 * The one place that decides what consumers are served after a change. A use case says which users (or which
 * organizations) it changed, and nothing more; when its transaction is about to commit, their documents are
 * resolved and rendered again from what the transaction leaves, and written, with a feed entry saying what moved,
 * exactly where a body differs from the stored one (its version is the body's digest, the pull's ETag). So a pull on
 * any replica reads the change the moment it commits, and a change no consumer can see writes nothing.
 *
 * <p>Renders and changes of organizations are ordered: rendering holds the organizations shared, a change of them
 * holds them alone from the moment it looks for the people it affects ({@link ConsumerDocumentStore#holdOrganizations}).
 * Either a change rendering an organization commits before the rename looks, and the rename rewrites its people too,
 * or it renders after the rename commits, and reads the new name. Uploads rewrite documents a page of users at a time.
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
    private final TransactionSynchronizationRegistry transactions;
    private final TransactionManager transactionManager;

    ConsumerDocuments(GrantLedger ledger, PermissionChangeRepository feed, GrantQueries grants,
            ConsumerDocumentStore store, PermissionResolver resolver, AdministrationYears years, DocumentBodies bodies,
            AdministrationCalendar calendar, Event<YearBegan> yearBegan, TransactionSynchronizationRegistry transactions,
            TransactionManager transactionManager) {
        this.calendar = calendar;
        this.yearBegan = yearBegan;
        this.ledger = ledger;
        this.feed = feed;
        this.grants = grants;
        this.store = store;
        this.resolver = resolver;
        this.years = years;
        this.bodies = bodies;
        this.transactions = transactions;
        this.transactionManager = transactionManager;
    }

    /**
     * These users may be served something else once the caller's transaction commits (their profile, status or
     * roles changed, or they were created): their documents are settled just before it does. Whether a consumer
     * sees a difference is decided there, from the bodies, not here.
     */
    public void changed(Collection<UUID> userIds) {
        pending().users.addAll(userIds);
    }

    /** These users' roles changed: a new version (ETag) of each now, and their documents settled at commit. */
    public void rolesChanged(Collection<UUID> userIds) {
        ledger.versionsMoved(userIds);
        changed(userIds);
    }

    /**
     * Organizations were renamed, closed, reopened or moved, keyed {@code TYPE:CODE}: everyone holding a role at or
     * under them is settled at commit, found once every change rendering organizations has committed. Their versions
     * stay: the version is the user's own record and roles.
     */
    public void organizationsChanged(Collection<String> orgKeys) {
        pending().organizations.addAll(orgKeys);
    }

    /**
     * Every transaction gets its settling synchronization as it begins, before the session's: so the session is
     * still in the transaction when the documents are settled, and flushes and lets go of its connection after
     * them. It settles nothing unless a change was noted.
     */
    void transactionBegun(@Observes @Initialized(TransactionScoped.class) Object transaction) {
        pending();
    }

    private Pending pending() {
        Pending pending = (Pending) transactions.getResource(Pending.class);
        if (pending == null) {
            pending = new Pending();
            transactions.putResource(Pending.class, pending);
            try {
                transactionManager.getTransaction().registerSynchronization(pending);
            } catch (jakarta.transaction.RollbackException | jakarta.transaction.SystemException e) {
                throw new IllegalStateException("the transaction cannot settle documents", e);
            }
        }
        return pending;
    }

    /** What a transaction changed, settled by its last statements. */
    private final class Pending implements Synchronization {
        final Set<UUID> users = new TreeSet<>();
        final Set<String> organizations = new TreeSet<>();

        @Override
        public void beforeCompletion() {
            if ((!users.isEmpty() || !organizations.isEmpty())
                    && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                settle(users, organizations);
            }
        }

        @Override
        public void afterCompletion(int status) {
        }
    }

    /**
     * Renders the documents of these users and of everyone at or under these organizations, a page at a time (each
     * page read, and so written, in the database's order of ids, as an upload's pages are: two transactions writing
     * documents of the same people lock them in the same order), writes those that differ and their feed entries.
     */
    private void settle(Set<UUID> users, Set<String> organizations) {
        store.holdOrganizations(!organizations.isEmpty());
        Set<UUID> all = new TreeSet<>(users);
        all.addAll(grants.usersAtOrUnder(organizations));
        AdministrationYear year = years.current();
        List<UUID> ids = new ArrayList<>(all);
        for (int from = 0; from < ids.size(); from += PAGE) {
            rewrite(render(grants.byIds(ids.subList(from, Math.min(ids.size(), from + PAGE))), year));
        }
    }

    /** Writes these documents where they differ, and a feed entry for each user whose body changed. */
    private void rewrite(List<Document> documents) {
        Map<UUID, Set<ServedChange>> changes = new LinkedHashMap<>();
        for (ConsumerDocumentStore.Rewritten rewritten : store.write(documents)) {
            Set<ServedChange> moved = ServedChange.between(ServedChange.Aspects.parse(rewritten.aspectsBefore()),
                    ServedChange.Aspects.parse(rewritten.aspectsNow()));
            changes.computeIfAbsent(rewritten.userId(), id -> EnumSet.noneOf(ServedChange.class))
                    .addAll(moved.isEmpty() ? EnumSet.allOf(ServedChange.class) : moved);
        }
        feed.append(changes);
    }

    /**
     * The users an upload's commit changed: those who existed before it get a new version, their documents and feed
     * entries as any change's, a page at a time; those it created a feed entry each. The transaction's thread reads
     * and writes; a worker renders each page's documents meanwhile (resolving and rendering are plain computation),
     * so the database and the renderer work side by side. At most two pages are held at once.
     *
     * <p>The people it created have no document anyone could read stale, so the commit does not wait for theirs:
     * they stay noted, and {@link #writeCreated} writes their first documents once the commit is in. Until then a pull
     * of one of them resolves them on the spot, as any user without a document.
     */
    public void rolesChangedStaged(UUID uploadId) {
        store.holdOrganizations(false);
        ledger.changedStaged(uploadId);
        AdministrationYear year = years.current();
        CompletableFuture<List<Document>> rendered = CompletableFuture.completedFuture(List.of());
        UUID after = null;
        for (List<UUID> page; !(page = ledger.affectedStaged(uploadId, after, PAGE)).isEmpty(); ) {
            List<GrantQueries.UserGrants> users = grants.byIds(page);
            List<Document> previous = joined(rendered);
            rendered = CompletableFuture.supplyAsync(() -> render(users, year), Infrastructure.getDefaultWorkerPool());
            rewrite(previous);
            after = page.get(page.size() - 1);
        }
        rewrite(joined(rendered));
        ledger.feedCreatedStaged(uploadId);
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
        String aspects = ServedChange.Aspects.of(user.email(), user.permissions().tenancyChains(),
                text -> digest(text).substring(0, 16)).text();
        return List.of(document(CersPulls.CONSUMER, user, year, bodies.cers(CersPulls.view(user)), aspects),
                document(ToolsForTeachersPulls.CONSUMER, user, year,
                        bodies.toolsForTeachers(ToolsForTeachersPulls.view(user)), aspects));
    }

    private static Document document(Consumer consumer, Resolved user, AdministrationYear year, String body,
            String aspects) {
        return new Document(consumer.group(), user.userId(), Email.keyOf(user.email()), year.toString(),
                digest(body), body, aspects);
    }

    /** The first 128 bits of the text's SHA-256, in hex: a document's version, and each of its aspects. */
    private static String digest(String text) {
        return DigestUtils.sha256Hex(text).substring(0, 32);
    }
}
