package org.tomsprov.app.consumers;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.Metrics;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.identity.CallerContext;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.domain.Email;
import org.tomsprov.persistence.ConsumerDocumentStore;
import org.tomsprov.persistence.ConsumerDocumentStore.Document;
import org.tomsprov.persistence.ConsumerDocumentStore.Stored;

/**
 * What every consumer's pull shares: the client check, the metric, and the stored document of the current year read
 * by email, in one statement and without a transaction. A user with no document of the current year yet is
 * resolved on the spot (and stored).
 */
@ApplicationScoped
class PermissionPulls {

    private final CallerContext caller;
    private final HierarchyScopeAuthorizer authorizer;
    private final ConsumerDocumentStore store;
    private final ConsumerDocuments documents;
    private final AdministrationYears years;
    private final Metrics metrics;

    PermissionPulls(CallerContext caller, HierarchyScopeAuthorizer authorizer, ConsumerDocumentStore store,
            ConsumerDocuments documents, AdministrationYears years, Metrics metrics) {
        this.caller = caller;
        this.authorizer = authorizer;
        this.store = store;
        this.documents = documents;
        this.years = years;
        this.metrics = metrics;
    }

    /** Refuses any caller but the consumer's own service client. */
    void authorize(Consumer consumer) {
        ProblemException.check(authorizer.pullAsService(caller.caller(), consumer.group()));
    }

    /** A pull by the consumer: its client checked and counted, the user's document as stored. */
    Pulled pull(Consumer consumer, String email) {
        Email address = Email.of(email == null ? "" : email);
        Pulled pulled = pullAll(consumer, List.of(address)).get(address.key());
        if (pulled == null) {
            throw ProblemException.notFound("USER_NOT_FOUND", "no user has that email");
        }
        return pulled;
    }

    /** Many users at once, by their email's key, in the order asked; emails no user has are absent. */
    Map<String, Pulled> pullAll(Consumer consumer, List<Email> emails) {
        authorize(consumer);
        metrics.pulled(consumer.group());
        Map<String, Stored> stored = store.find(consumer.group(), emails.stream().map(Email::key).distinct().toList(),
                years.override().map(Object::toString).orElse(null));
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
