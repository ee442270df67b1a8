package org.tomsprov.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class SecurityAgreementRepository {

    private final EntityManager em;

    SecurityAgreementRepository(EntityManager em) {
        this.em = em;
    }

    /** Signs; returns false when it was already signed (the first signature's time stays). */
    public boolean sign(UUID userId, String type, String year) {
        return em.createNativeQuery("""
                insert into security_agreement (user_id, type, administration_year) values (?1, ?2, ?3)
                on conflict do nothing""")
                .setParameter(1, userId).setParameter(2, type).setParameter(3, year)
                .executeUpdate() == 1;
    }

    /** Signed forms of the year: type to time of signature. */
    public Map<String, OffsetDateTime> signed(UUID userId, String year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select type, signed_at from security_agreement where user_id = ?1 and administration_year = ?2""")
                .setParameter(1, userId).setParameter(2, year).getResultList();
        Map<String, OffsetDateTime> signed = new HashMap<>();
        for (Object[] row : rows) {
            signed.put((String) row[0], Rows.time(row[1]));
        }
        return signed;
    }
}
