package org.tomsprov.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.domain.Grant;
import org.tomsprov.domain.OrgPath;
import org.tomsprov.domain.OrgStatus;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.Organization;
import org.tomsprov.domain.Role;
import org.tomsprov.domain.UserStatus;

/**
 * The read path of consumer pulls: a user and every assignment with its organization's ancestry, in one query
 * and without loading entities, as the permission resolver takes them.
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

    public Optional<UserGrants> byEmail(String email) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select u.id, u.email, u.status, a.role_id, a.administration_year,
                       o.code, o.name, o.type, o.status, p.code, p.name, p.status, g.code, g.name, g.status
                from app_user u
                left join role_assignment a on a.user_id = u.id
                left join organization o on o.id = a.org_id
                left join organization p on p.id = o.parent_id
                left join organization g on g.id = p.parent_id
                where lower(u.email) = lower(?1)""").setParameter(1, email).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] first = rows.get(0);
        List<Grant> grants = new ArrayList<>();
        for (Object[] r : rows) {
            if (r[3] == null) {
                continue;
            }
            OrgType type = OrgType.valueOf((String) r[7]);
            Organization org = new Organization((String) r[5], (String) r[6], type, (String) r[9],
                    OrgStatus.valueOf((String) r[8]));
            OrgPath path = switch (type) {
                case STATE -> OrgPath.ofState(org);
                case LEA -> OrgPath.ofLea(org(r, 9, OrgType.STATE, null), org);
                case SCHOOL -> OrgPath.ofSchool(org(r, 12, OrgType.STATE, null), org(r, 9, OrgType.LEA, (String) r[12]), org);
            };
            grants.add(new Grant(Role.valueOf((String) r[3]), path, AdministrationYear.parse((String) r[4])));
        }
        return Optional.of(new UserGrants((UUID) first[0], (String) first[1], UserStatus.valueOf((String) first[2]), grants));
    }

    private static Organization org(Object[] r, int at, OrgType type, String parent) {
        return new Organization((String) r[at], (String) r[at + 1], type, parent, OrgStatus.valueOf((String) r[at + 2]));
    }
}
