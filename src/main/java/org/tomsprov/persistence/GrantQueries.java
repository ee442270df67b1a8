package org.tomsprov.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.Grant;
import org.tomsprov.domain.Role;
import org.tomsprov.domain.UserStatus;

/**
 * What consumer documents are resolved from: a user and every assignment with its organization's ancestry, in one
 * query and without loading entities, as the permission resolver takes them.
 */
@ApplicationScoped
public class GrantQueries {

    /** A user as the resolver sees them. */
    public record UserGrants(UUID userId, String email, UserStatus status, List<Grant> grants) {
    }

    private final EntityManager em;

    GrantQueries(EntityManager em) {
        this.em = em;
    }

    private static final String GRANTS = """
            select u.id, u.email, u.status, a.role_id, a.administration_year, %s
            from app_user u
            left join role_assignment a on a.user_id = u.id
            left join organization o on o.id = a.org_id
            left join organization p on p.id = o.parent_id
            left join organization g on g.id = p.parent_id
            where %%s
            order by u.id, a.role_id, o.type, o.code, a.administration_year""".formatted(Rows.ORG_PATH_COLUMNS);

    /** The users with these emails, in one query, by their email's key; emails no one has are absent. */
    public Map<String, UserGrants> byEmails(Collection<Email> emails) {
        if (emails.isEmpty()) {
            return Map.of();
        }
        Map<String, UserGrants> users = new HashMap<>();
        read(new Jdbc.AnyOf("lower(u.email)", "varchar", emails.stream().map(Email::key).distinct().toArray()))
                .forEach(user -> users.put(Email.keyOf(user.email()), user));
        return users;
    }

    /** The users with these ids, in one query; ids no one has are absent. */
    public List<UserGrants> byIds(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : read(new Jdbc.AnyOf("u.id", "uuid", ids.toArray()));
    }

    /**
     * Everyone holding a role at these organizations or at a school under them, keyed {@code TYPE:CODE}, in id
     * order.
     */
    public List<UUID> usersAtOrUnder(Collection<String> orgKeys) {
        if (orgKeys.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                with o as (select id from organization where type || ':' || code in (:keys))
                select distinct a.user_id from role_assignment a
                where a.org_id in (select id from o) or a.lea_id in (select id from o)
                order by a.user_id""", UUID.class).setParameter("keys", List.copyOf(orgKeys)).getResultList();
        return ids;
    }

    /**
     * Up to {@code limit} users after {@code after} in id order with no document of this consumer for this year: a
     * pass that pages with the last id it got walks the users once.
     */
    public List<UUID> withoutDocument(String consumer, String year, UUID after, int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                select u.id from app_user u where u.id > :after and not exists (select 1 from consumer_document d
                  where d.consumer = :consumer and d.user_id = u.id and d.administration_year = :year)
                order by u.id limit :limit""", UUID.class).setParameter("consumer", consumer).setParameter("year", year)
                .setParameter("after", after).setParameter("limit", limit).getResultList();
        return ids;
    }

    /**
     * Whether every user has a document of this consumer for this year: as many such documents as users (a user has
     * at most one per consumer, and none outlives its user). Two counts, the users' table and the documents' key
     * index, where {@link #withoutDocument} probes the documents once per user.
     */
    public boolean everyoneHasDocument(String consumer, String year) {
        return (Boolean) em.createNativeQuery("""
                select (select count(*) from app_user) = (select count(*) from consumer_document
                                                          where consumer = :consumer and administration_year = :year)""")
                .setParameter("consumer", consumer).setParameter("year", year).getSingleResult();
    }

    /** The users whose key is one of these. */
    private List<UserGrants> read(Jdbc.AnyOf keys) {
        Map<UUID, List<Object[]>> byUser = new LinkedHashMap<>();
        Jdbc.query(em, GRANTS.formatted(keys.sql()), (c, statement) -> keys.bind(c, statement, 1),
                row -> {
                    Object[] r = Rows.values(row);
                    byUser.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(r);
                });
        return byUser.values().stream().map(GrantQueries::user).toList();
    }

    private static UserGrants user(List<Object[]> rows) {
        Object[] first = rows.get(0);
        List<Grant> grants = new ArrayList<>();
        for (Object[] r : rows) {
            if (r[3] == null) {
                continue;
            }
            grants.add(new Grant(Role.valueOf((String) r[3]), Rows.path(r, 5), AdministrationYear.parse((String) r[4])));
        }
        return new UserGrants((UUID) first[0], (String) first[1], UserStatus.valueOf((String) first[2]), grants);
    }
}
