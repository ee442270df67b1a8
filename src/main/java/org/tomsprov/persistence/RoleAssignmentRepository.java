package org.tomsprov.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

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

    public List<RoleAssignmentEntity> forUsers(List<UUID> userIds) {
        return find(WITH_ORGS + "where a.user.id in ?1 order by a.createdAt, a.id", userIds).list();
    }

    public List<RoleAssignmentEntity> forUserInYear(UUID userId, String year) {
        return find(WITH_ORGS + "where a.user.id = ?1 and a.administrationYear = ?2 order by a.createdAt, a.id", userId, year)
                .list();
    }

    public Optional<RoleAssignmentEntity> findPrimary(Role role, Long orgId, String year) {
        return find("role = ?1 and org.id = ?2 and administrationYear = ?3 and primary = true", role, orgId, year)
                .firstResultOptional();
    }
}
