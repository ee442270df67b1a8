package org.tomsprov.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.tomsprov.domain.Email;
import org.tomsprov.domain.OrgPath;
import org.tomsprov.domain.Role;
import org.tomsprov.domain.UserStatus;

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

    /** A registered person, their status, and what they hold in a year. */
    public record PersonInYear(UUID userId, UserStatus status, RolesInYear held) {
    }

    /**
     * What the authorizer weighs of a person in a year, in one round trip: who has this email, their status, their
     * roles there and their signed forms. Empty when no one has the email.
     */
    public Optional<PersonInYear> personInYear(Email email, String year) {
        return personInYear("lower(u.email) = :key", email.key(), year);
    }

    /** The roles and signed forms of the user with this id in a year, as {@link #personInYear(Email, String)}. */
    public RolesInYear rolesInYear(UUID userId, String year) {
        return personInYear("u.id = :key", userId, year).map(PersonInYear::held).orElse(new RolesInYear(List.of(), 0));
    }

    private Optional<PersonInYear> personInYear(String condition, Object key, String year) {
        List<Object[]> rows = new ArrayList<>();
        Jdbc.query(getEntityManager(), """
                select u.id, u.status, (select count(*) from security_agreement f
                                        where f.user_id = u.id and f.administration_year = :year) as forms,
                       a.role_id, a.is_primary, %s
                from app_user u
                left join role_assignment a on a.user_id = u.id and a.administration_year = :year
                left join organization o on o.id = a.org_id
                left join organization p on p.id = o.parent_id
                left join organization g on g.id = p.parent_id
                where %s
                order by a.created_at, a.id""".formatted(Rows.ORG_PATH_COLUMNS, condition),
                Map.of("year", year, "key", key), row -> rows.add(Rows.values(row)));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<HeldRole> roles = rows.stream().filter(r -> r[3] != null)
                .map(r -> new HeldRole(Role.valueOf((String) r[3]), Rows.path(r, 5), (Boolean) r[4])).toList();
        Object[] first = rows.get(0);
        return Optional.of(new PersonInYear((UUID) first[0], UserStatus.valueOf((String) first[1]),
                new RolesInYear(roles, ((Number) first[2]).intValue())));
    }

    public Optional<RoleAssignmentEntity> findPrimary(Role role, Long orgId, String year) {
        return find("role = ?1 and org.id = ?2 and administrationYear = ?3 and primary = true", role, orgId, year)
                .firstResultOptional();
    }
}
