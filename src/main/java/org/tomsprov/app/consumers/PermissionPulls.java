package org.tomsprov.app.consumers;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.Metrics;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.identity.CallerContext;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.domain.Email;
import org.tomsprov.persistence.ConsumerDocumentStore;
import org.tomsprov.persistence.ConsumerDocumentStore.Document;
import org.tomsprov.persistence.ConsumerDocumentStore.Stored;
import org.tomsprov.persistence.DocumentLookups;

/**
 * What every consumer's pull shares: the client check, the metric, and the stored document of the current year read
 * by email, without a transaction. A single pull never holds its thread on the database: its lookup joins
 * whatever other pulls are waiting in one statement ({@link DocumentLookups}). A user with no document of the
 * current year yet is resolved on the spot (and stored), on a worker thread.
 */
@ApplicationScoped
class PermissionPulls {

    private final CallerContext caller;
    private final HierarchyScopeAuthorizer authorizer;
    private final ConsumerDocumentStore store;
    private final DocumentLookups lookups;
    private final ConsumerDocuments documents;
    private final AdministrationYears years;
    private final Metrics metrics;
    /** The configured year override as the store takes it, or null to follow the calendar. */
    private final String yearOverride;

    PermissionPulls(CallerContext caller, HierarchyScopeAuthorizer authorizer, ConsumerDocumentStore store,
            DocumentLookups lookups, ConsumerDocuments documents, AdministrationYears years, Metrics metrics) {
        this.caller = caller;
        this.authorizer = authorizer;
        this.store = store;
        this.lookups = lookups;
        this.documents = documents;
        this.years = years;
        this.metrics = metrics;
        this.yearOverride = years.override().map(Object::toString).orElse(null);
    }

    /** Refuses any caller but the consumer's own service client, from the token alone. */
    void authorize(Consumer consumer) {
        ProblemException.check(authorizer.pullAsService(caller.fromTokenAlone(), consumer.group()));
    }

    /**
     * A pull by the consumer: its client checked and counted at once, the user's document as stored when it is read.
     * The stage completes off the caller's thread, with a {@link ProblemException} when no user has the email.
     */
    CompletionStage<Pulled> pull(Consumer consumer, String email) {
        Email address = Email.of(email == null ? "" : email);
        authorize(consumer);
        metrics.pulled(consumer.group());
        return lookups.find(consumer.group(), address.key(), yearOverride)
                .thenCompose(stored -> stored.isPresent()
                        ? CompletableFuture.completedStage(new Pulled(stored.get().body(), stored.get().version()))
                        : CompletableFuture.supplyAsync(() -> resolved(consumer, address),
                                Infrastructure.getDefaultWorkerPool()));
    }

    private Pulled resolved(Consumer consumer, Email address) {
        Document document = documents.resolveMissing(consumer, List.of(address)).get(address.key());
        if (document == null) {
            throw ProblemException.notFound("USER_NOT_FOUND", "no user has that email");
        }
        return new Pulled(document.body(), document.version());
    }

    /** Many users at once, by their email's key, in the order asked; emails no user has are absent. */
    Map<String, Pulled> pullAll(Consumer consumer, List<Email> emails) {
        authorize(consumer);
        metrics.pulled(consumer.group());
        Map<String, Stored> stored = store.find(consumer.group(), emails.stream().map(Email::key).distinct().toList(),
                yearOverride);
        Map<String, Pulled> found = new HashMap<>();
        List<Email> missing = emails.stream().filter(email -> {
            Stored document = stored.get(email.key());
            if (document == null) {
                return true;
            }
            found.put(email.key(), new Pulled(document.body(), document.version()));
            return false;
        }).toList();
        if (!missing.isEmpty()) {
            documents.resolveMissing(consumer, missing).forEach((key, document) ->
                    found.put(key, new Pulled(document.body(), document.version())));
        }
        Map<String, Pulled> ordered = new LinkedHashMap<>();
        emails.forEach(email -> {
            Pulled pulled = found.get(email.key());
            if (pulled != null) {
                ordered.putIfAbsent(email.key(), pulled);
            }
        });
        return ordered;
    }
}
