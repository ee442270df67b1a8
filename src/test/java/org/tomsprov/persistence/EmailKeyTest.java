package org.tomsprov.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tomsprov.domain.Email;

/**
 * The email key Java computes is the one PostgreSQL's {@code lower(email)} computes, which the users' unique index
 * and every statement joining staged rows to users compare: otherwise a lookup by key misses a user the database
 * holds, or two spellings of one address become two users.
 */
@QuarkusTest
class EmailKeyTest {

    @Inject
    EntityManager em;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Ana.Diaz@LAUSD.net", "JOSÉ@EXAMPLE.ORG", "İlker@example.org", "ODYSSEAS.ΚΑΡΑΣ@example.gr",
            "ǅemal@example.org", "Straße@example.de", "ÆØÅ@example.no"})
    void javaAndTheDatabaseFoldAnAddressAlike(String written) {
        String database = QuarkusTransaction.requiringNew().call(() ->
                (String) em.createNativeQuery("select lower(cast(?1 as varchar))").setParameter(1, written)
                        .getSingleResult());
        assertEquals(database, Email.keyOf(written));
    }
}
