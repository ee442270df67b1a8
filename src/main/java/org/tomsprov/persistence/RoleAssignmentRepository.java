package org.tomsprov.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.tomsprov.domain.OrgPath;
import org.tomsprov.domain.Role;

@ApplicationScoped
public class RoleAssignmentRepository implements PanacheRepositoryBase<RoleAssignmentEntity, UUID> {

    /** Assignments with their organization and its ancestors, in one query. */
    static final String WITH_ORGS = "select a from RoleAssignmentEntity a join fetch a.org o left join fetch o.parent p"
            + " left join fetch p.parent ";

    public List<RoleAssignmentEntity> forUser(UUID userId) {
        return find(WITH_ORGS + "where a.user.id = ?1 order by a.createdAt, a.id", userId).list();
    }

    /** The organizations where the user holds roles, in any year: who may see the user. */
    public List<OrganizationEntity> placesOf(UUID userId) {
        return forUser(userId).stream().map(a -> a.org).toList();
    }

    /** A person's roles of one year, each at its organization with its ancestors, and how many forms they signed for it. */
    public record RolesInYear(List<HeldRole> roles, int formsSigned) {
    }

    /** A role held at an organization. */
    public record HeldRole(Role role, OrgPath org, boolean primary) {
    }

    /** What the authorizer weighs of a person in a year, in one round trip: their roles there and their signed forms. */
    public RolesInYear rolesInYear(UUID userId, String year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select s.forms, a.role_id, a.is_primary, %s
                from (select count(*) as forms from security_agreement
                      where user_id = :user and administration_year = :year) s
                left join role_assignment a on a.user_id = :user and a.administration_year = :year
                left join organization o on o.id = a.org_id
                left join organization p on p.id = o.parent_id
                left join organization g on g.id = p.parent_id
                order by a.created_at, a.id""".formatted(Rows.ORG_PATH_COLUMNS))
                .setParameter("user", userId).setParameter("year", year).getResultList();
        List<HeldRole> roles = rows.stream().filter(r -> r[1] != null)
                .map(r -> new HeldRole(Role.valueOf((String) r[1]), Rows.path(r, 3), (Boolean) r[2])).toList();
        return new RolesInYear(roles, ((Number) rows.get(0)[0]).intValue());
    }

    public Optional<RoleAssignmentEntity> findPrimary(Role role, Long orgId, String year) {
        return find("role = ?1 and org.id = ?2 and administrationYear = ?3 and primary = true", role, orgId, year)
                .firstResultOptional();
    }
}
