package org.tomsprov.app.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.tomsprov.app.users.Views.AssignmentView;
import org.tomsprov.authz.AdministrativeScope;
import org.tomsprov.authz.HierarchyScopeAuthorizer;

import org.tomsprov.domain.Role;
import org.tomsprov.domain.UserStatus;
import org.tomsprov.domain.Violation;
import org.tomsprov.persistence.OrganizationEntity;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.persistence.RoleAssignmentRepository;
import org.tomsprov.persistence.SecurityAgreementRepository;
import org.tomsprov.persistence.UserEntity;
import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.audit.AuditLog;
import org.tomsprov.app.users.UserAccess;

/** The calling person's own profile, security forms and grantable roles. */
@ApplicationScoped
public class MeService {

    /** The two forms every administrator signs each administration year. */
    public enum AgreementType { TEST_SECURITY_AGREEMENT, TEST_SECURITY_AFFIDAVIT }

    /** Whether each form is signed for the year, and when. */
    public record AgreementStatus(AgreementType type, boolean signed, OffsetDateTime signedAt) {
    }

    /** The forms of the current year and whether both are signed. */
    public record SecurityAgreements(String administrationYear, boolean complete, List<AgreementStatus> forms) {
    }

    /** The caller: profile (when registered), assignments, forms and what they administer. */
    public record Me(UUID id, String email, String firstName, String lastName, UserStatus status,
            List<AssignmentView> roles, SecurityAgreements securityAgreements,
            AdministrativeScope administrativeScope) {
    }

    private final CallerContext caller;
    private final HierarchyScopeAuthorizer authorizer;
    private final RoleAssignmentRepository assignments;
    private final SecurityAgreementRepository agreements;
    private final OrganizationRepository organizations;
    private final AdministrationYears years;
    private final AuditLog audit;
    private final UserAccess access;

    MeService(CallerContext caller, HierarchyScopeAuthorizer authorizer, RoleAssignmentRepository assignments,
            SecurityAgreementRepository agreements, OrganizationRepository organizations, AdministrationYears years,
            AuditLog audit, UserAccess access) {
        this.access = access;
        this.caller = caller;
        this.authorizer = authorizer;
        this.assignments = assignments;
        this.agreements = agreements;
        this.organizations = organizations;
        this.years = years;
        this.audit = audit;
    }

    @Transactional
    public Me me(String administrationYear) {
        ProblemException.check(authorizer.self(caller.caller()));
        String email = ((org.tomsprov.authz.Caller.Person) caller.caller()).email();
        String year = years.current().toString();
        UserAccess.YearsShown shown = access.yearsShown(administrationYear);
        UserEntity user = caller.user().orElse(null);
        if (user == null) {
            return new Me(null, email, null, null, null, List.of(), forms(year, Map.of()), AdministrativeScope.empty());
        }
        List<AssignmentView> roles = shown.views(assignments.forUser(user.id));
        return new Me(user.id, user.email, user.firstName, user.lastName, user.status, roles,
                forms(year, agreements.signed(user.id, year)), authorizer.scopeOf(caller.caller()));
    }

    @Transactional
    public SecurityAgreements sign(String type) {
        ProblemException.check(authorizer.self(caller.caller()));
        AgreementType agreement;
        try {
            agreement = AgreementType.valueOf(type == null ? "" : type);
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation(List.of(new Violation("type", "INVALID_AGREEMENT_TYPE",
                    "type is TEST_SECURITY_AGREEMENT or TEST_SECURITY_AFFIDAVIT")));
        }
        UserEntity user = caller.user().orElseThrow(() -> new ProblemException(ProblemException.Kind.FORBIDDEN, "NOT_REGISTERED",
                "you are not registered in TOMS; ask your coordinator to add you"));
        String year = years.current().toString();
        if (agreements.sign(user.id, agreement.name(), year)) {
            audit.recordAboutUser(caller.name(), AuditLog.Action.AGREEMENT_SIGNED, user.id,
                    assignments.placesOf(user.id), null,
                    Map.of("type", agreement.name(), "administrationYear", year));
        }
        return forms(year, agreements.signed(user.id, year));
    }

    @Transactional
    public Set<Role> grantableRoles(String orgCode) {
        ProblemException.check(authorizer.self(caller.caller()));
        if (orgCode == null || orgCode.isBlank()) {
            throw ProblemException.validation(List.of(new Violation("orgCode", "REQUIRED", "orgCode is required")));
        }
        List<OrganizationEntity> found = organizations.findByCode(orgCode.trim());
        if (found.isEmpty()) {
            throw ProblemException.notFound("ORGANIZATION_NOT_FOUND", "no organization has the code " + orgCode);
        }
        Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
        for (OrganizationEntity org : found) {
            roles.addAll(authorizer.grantableAt(caller.caller(), OrganizationRepository.pathOf(org)));
        }
        return roles;
    }

    private static SecurityAgreements forms(String year, Map<String, OffsetDateTime> signed) {
        List<AgreementStatus> forms = new ArrayList<>();
        for (AgreementType type : AgreementType.values()) {
            OffsetDateTime at = signed.get(type.name());
            forms.add(new AgreementStatus(type, at != null, at));
        }
        return new SecurityAgreements(year, forms.stream().allMatch(AgreementStatus::signed), forms);
    }

}
