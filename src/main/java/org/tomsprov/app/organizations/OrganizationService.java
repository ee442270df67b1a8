package org.tomsprov.app.organizations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.domain.CdsCodes;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.PersonRules;
import org.tomsprov.domain.Violation;
import org.tomsprov.persistence.OrganizationEntity;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.app.Cursors;
import org.tomsprov.app.Page;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.audit.AuditLog;
import org.tomsprov.app.identity.CallerContext;

/** Reading and creating organizations. */
@ApplicationScoped
public class OrganizationService {

    private final OrganizationRepository organizations;
    private final HierarchyScopeAuthorizer authorizer;
    private final CallerContext caller;
    private final AuditLog audit;

    OrganizationService(OrganizationRepository organizations, HierarchyScopeAuthorizer authorizer, CallerContext caller,
            AuditLog audit) {
        this.organizations = organizations;
        this.authorizer = authorizer;
        this.caller = caller;
        this.audit = audit;
    }

    /** A new organization, by a state administrator. */
    public record CreateOrganization(String code, String name, OrgType type, String parentCode) {
    }

    @Transactional
    public OrganizationView get(String code, OrgType type) {
        ProblemException.check(authorizer.self(caller.caller()));
        List<OrganizationEntity> found = organizations.findByCode(code);
        return found.stream().filter(o -> type == null || o.type == type).findFirst()
                .map(OrganizationService::view)
                .orElseThrow(() -> ProblemException.notFound("ORGANIZATION_NOT_FOUND", "no organization has the code " + code));
    }

    @Transactional
    public Page<OrganizationView> list(String parentCode, OrgType type, String q, String cursor, Integer limit) {
        ProblemException.check(authorizer.self(caller.caller()));
        int size = Cursors.limit(limit);
        String after = Cursors.decode(cursor, "org:");
        List<OrganizationEntity> rows = organizations.page(parentCode, type, q, after, size + 1);
        boolean more = rows.size() > size;
        List<OrganizationEntity> items = more ? rows.subList(0, size) : rows;
        String next = more ? Cursors.encode("org:" + OrganizationRepository.key(items.get(items.size() - 1))) : null;
        return new Page<>(items.stream().map(OrganizationService::view).toList(), next);
    }

    @Transactional
    public OrganizationView create(CreateOrganization command) {
        ProblemException.check(authorizer.manageOrganizations(caller.caller()));
        String code = command.code() == null ? null : command.code().trim();
        String parentCode = PersonRules.blankToNull(command.parentCode());
        Optional<OrganizationEntity> parent = parentCode == null ? Optional.empty()
                : organizations.findByCodeAndType(parentCode, command.type() == OrgType.SCHOOL ? OrgType.LEA : OrgType.STATE);
        List<Violation> violations = CdsCodes.check(code, command.name(), command.type(), parentCode,
                parent.map(OrganizationRepository::toDomain).orElse(null));
        if (!violations.isEmpty()) {
            throw ProblemException.validation(violations);
        }
        if (organizations.findByCodeAndType(code, command.type()).isPresent()) {
            throw ProblemException.conflict("ORGANIZATION_EXISTS", "an organization of type " + command.type()
                    + " with the code " + code + " exists already");
        }
        OrganizationEntity entity = new OrganizationEntity();
        entity.code = code;
        entity.name = command.name().trim();
        entity.type = command.type();
        entity.parent = parent.orElse(null);
        organizations.persist(entity);
        audit.record(caller.name(), AuditLog.Action.ORGANIZATION_CREATED, null, entity, null, view(entity));
        return view(entity);
    }

    static OrganizationView view(OrganizationEntity e) {
        return new OrganizationView(e.code, e.name, e.type, e.parent == null ? null : e.parent.code, e.status);
    }
}
