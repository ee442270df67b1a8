package org.tomsprov.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.Session;
import org.tomsprov.domain.ServedChange;

/**
 * The administration calendar: which year is current (one row), the transition's lock, and what a transition
 * changes, counted per user and per LEA.
 */
@ApplicationScoped
public class AdministrationCalendar {

    /** Users keeping, losing and gaining access when {@code from} gives way to {@code to}. */
    public record Counts(int keeping, int losing, int gaining) {
    }

    /** The same, for the people holding roles in one LEA. */
    public record LeaCounts(String leaCode, String leaName, int keeping, int losing, int gaining) {
    }

    /** Another transition holds the calendar. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("another transition is running");
        }
    }

    /** Per active user and LEA: roles in the year ending (?1), in the year beginning (?2). */
    private static final String PER_USER = """
            select a.user_id, a.lea_id,
                   bool_or(a.administration_year = ?1) as had, bool_or(a.administration_year = ?2) as will
            from role_assignment a join app_user u on u.id = a.user_id
            where a.administration_year in (?1, ?2) and u.status = 'ACTIVE'""";

    private final AgroalDataSource pool;
    private final EntityManager em;
    private final PermissionChangeRepository feed;

    AdministrationCalendar(AgroalDataSource pool, EntityManager em, PermissionChangeRepository feed) {
        this.feed = feed;
        this.pool = pool;
        this.em = em;
    }

    /** The current year as recorded, read straight from the pool. */
    public Optional<String> current() {
        try (Connection c = pool.getConnection();
             PreparedStatement statement = c.prepareStatement("select current_year from administration_calendar");
             ResultSet row = statement.executeQuery()) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("reading the administration calendar failed", e);
        }
    }

    /** The current year, locked for this transaction; {@link Busy} when another transaction holds it. */
    public String lockCurrent() {
        try {
            return (String) em.createNativeQuery("select current_year from administration_calendar for update nowait")
                    .getSingleResult();
        } catch (jakarta.persistence.PersistenceException e) {
            if (sqlState(e).equals("55P03")) {
                throw new Busy();
            }
            throw e;
        }
    }

    public void setCurrent(String year, String by) {
        em.createNativeQuery("update administration_calendar set current_year = ?1, changed_at = now(), changed_by = ?2")
                .setParameter(1, year).setParameter(2, by).executeUpdate();
    }

    /** Every year some role was granted for, latest first. */
    public List<String> yearsWithRoles() {
        @SuppressWarnings("unchecked")
        List<String> years = em.createNativeQuery(
                "select distinct administration_year from role_assignment order by 1 desc").getResultList();
        return years;
    }

    public Counts counts(String from, String to) {
        Object[] r = (Object[]) em.createNativeQuery("""
                with u as (select user_id, bool_or(had) as had, bool_or(will) as will
                           from (%s group by a.user_id, a.lea_id) p group by user_id)
                select count(*) filter (where had and will), count(*) filter (where had and not will),
                       count(*) filter (where will and not had) from u""".formatted(PER_USER))
                .setParameter(1, from).setParameter(2, to).getSingleResult();
        return new Counts(((Number) r[0]).intValue(), ((Number) r[1]).intValue(), ((Number) r[2]).intValue());
    }

    /** An LEA, as a transition's preview names it. */
    public record Lea(String leaCode, String leaName) {
    }

    /** How many active people hold the State Administrator role at the (open) state in {@code year}. */
    public int stateAdministrators(String year) {
        return ((Number) em.createNativeQuery("""
                select count(distinct a.user_id) from role_assignment a
                join app_user u on u.id = a.user_id join organization o on o.id = a.org_id
                where a.role_id = 'STATE_ADMINISTRATOR' and a.administration_year = ?1
                  and u.status = 'ACTIVE' and o.type = 'STATE' and o.status = 'ACTIVE'""")
                .setParameter(1, year).getSingleResult()).intValue();
    }

    /**
     * The open LEAs where someone holds a role in {@code from} or {@code to} but no active person is the primary LEA
     * CAASPP coordinator in {@code to}, by CDS code.
     */
    public List<Lea> leasWithoutPrimaryCoordinator(String from, String to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select o.code, o.name from organization o
                where o.type = 'LEA' and o.status = 'ACTIVE'
                  and exists (select 1 from role_assignment a where a.lea_id = o.id and a.administration_year in (?1, ?2))
                  and not exists (select 1 from role_assignment a join app_user u on u.id = a.user_id
                                  where a.org_id = o.id and a.role_id = 'LEA_CAASPP_COORDINATOR' and a.is_primary
                                    and a.administration_year = ?2 and u.status = 'ACTIVE')
                order by o.code""").setParameter(1, from).setParameter(2, to).getResultList();
        return rows.stream().map(r -> new Lea((String) r[0], (String) r[1])).toList();
    }

    public List<LeaCounts> countsByLea(String from, String to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select o.code, o.name, count(*) filter (where had and will), count(*) filter (where had and not will),
                       count(*) filter (where will and not had)
                from (%s and a.lea_id is not null group by a.user_id, a.lea_id) p
                join organization o on o.id = p.lea_id
                group by o.code, o.name order by o.code""".formatted(PER_USER))
                .setParameter(1, from).setParameter(2, to).getResultList();
        List<LeaCounts> counts = new ArrayList<>();
        for (Object[] r : rows) {
            counts.add(new LeaCounts((String) r[0], (String) r[1], ((Number) r[2]).intValue(),
                    ((Number) r[3]).intValue(), ((Number) r[4]).intValue()));
        }
        return counts;
    }

    /**
     * Finds the users whose roles differ between the two years (not the same roles at the same organizations):
     * what consumers see of them changes at the transition. They go into {@code transition_user}, which
     * {@link #forgetTransition} empties before the commit; returns how many.
     */
    public int sortForTransition(String from, String to) {
        em.flush();
        em.createNativeQuery("delete from transition_user").executeUpdate();
        return em.createNativeQuery("""
                insert into transition_user (user_id)
                select user_id from role_assignment where administration_year in (?1, ?2) group by user_id
                having coalesce(array_agg(role_id || '@' || org_id order by role_id, org_id)
                                filter (where administration_year = ?1), '{}')
                    <> coalesce(array_agg(role_id || '@' || org_id order by role_id, org_id)
                                filter (where administration_year = ?2), '{}')""")
                .setParameter(1, from).setParameter(2, to).executeUpdate();
    }

    /** The feed entries of the users {@link #sortForTransition} found changed. */
    public void feedTransition() {
        feed.appendNow(EnumSet.of(ServedChange.PERMISSIONS), "select user_id from transition_user");
    }

    public void forgetTransition() {
        em.createNativeQuery("delete from transition_user").executeUpdate();
    }

    /** A page of the users {@link #sortForTransition} found changed, in id order, after {@code after} (null: the first). */
    public List<UUID> changedInTransition(UUID after, int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                select user_id from transition_user
                where user_id > coalesce(cast(?1 as uuid), '00000000-0000-0000-0000-000000000000')
                order by user_id limit ?2""", UUID.class)
                .setParameter(1, after == null ? null : after.toString()).setParameter(2, limit).getResultList();
        return ids;
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }
}
