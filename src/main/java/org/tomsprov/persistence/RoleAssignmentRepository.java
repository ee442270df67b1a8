package org.tomsprov.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RoleAssignmentRepository implements PanacheRepositoryBase<RoleAssignmentEntity, UUID> {

    public List<RoleAssignmentEntity> forUser(UUID userId) {
        return list("user.id = ?1 order by createdAt, id", userId);
    }

    public List<RoleAssignmentEntity> forUserInYear(UUID userId, String year) {
        return list("user.id = ?1 and administrationYear = ?2 order by createdAt, id", userId, year);
    }

    public Optional<RoleAssignmentEntity> find(UUID userId, String roleId, Long orgId, String year) {
        return find("user.id = ?1 and roleId = ?2 and org.id = ?3 and administrationYear = ?4", userId, roleId, orgId, year)
                .firstResultOptional();
    }

    public Optional<RoleAssignmentEntity> findPrimary(String roleId, Long orgId, String year) {
        return find("roleId = ?1 and org.id = ?2 and administrationYear = ?3 and primary = true", roleId, orgId, year)
                .firstResultOptional();
    }
}
