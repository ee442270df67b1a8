package org.tomsprov.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tomsprov.app.audit.AuditLog;
import org.tomsprov.app.audit.AuditService;
import org.tomsprov.app.consumers.CersPulls;
import org.tomsprov.app.consumers.ToolsForTeachersPulls;
import org.tomsprov.app.identity.MeService;
import org.tomsprov.app.uploads.UploadService;
import org.tomsprov.app.years.AdministrationYearService;
import org.tomsprov.authz.AdministrativeScope;
import org.tomsprov.domain.OrgStatus;
import org.tomsprov.domain.PersonRules;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.RdwScope;
import org.tomsprov.domain.ReportingPermission;
import org.tomsprov.domain.Role;
import org.tomsprov.domain.ServedChange;
import org.tomsprov.domain.UploadSummary;
import org.tomsprov.domain.UserStatus;

/**
 * What the API answers, as its OpenAPI documents describe it: one record per response shape, mapped from what the
 * use cases return. Names are the schema names the generated SDKs carry, so they do not change.
 */
public final class Responses {

    private Responses() {
    }

    /** One page of a list and the opaque cursor of the next, null at the end. */
    public record Page<T>(List<T> items,
            @Schema(nullable = true, description = "Pass as cursor= for the next page; null on the last page") String nextCursor) {

        static <A, T> Page<T> of(org.tomsprov.app.Page<A> page, java.util.function.Function<A, T> view) {
            return new Page<>(page.items().stream().map(view).toList(), page.nextCursor());
        }
    }

    /** A role assignment. */
    public record AssignmentView(UUID id, Role roleId,
            @Schema(example = "19647331930002") String orgCode, @Schema(example = "2026-27") String administrationYear,
            boolean primary,
            @Schema(description = "For the year after the current one: shown, but it counts only from the transition")
            boolean upcoming) {

        static AssignmentView of(org.tomsprov.app.users.Views.AssignmentView a) {
            return new AssignmentView(a.id(), a.roleId(), a.orgCode(), a.administrationYear(), a.primary(), a.upcoming());
        }
    }

    /** A user, with the assignments the caller may see. */
    public record UserView(UUID id, @Schema(format = "email", example = "pat.lee@example.org") String email,
            @Schema(example = "Pat") String firstName, @Schema(example = "Lee") String lastName,
            @Schema(nullable = true, example = "916-555-0100 x12", pattern = PersonRules.PHONE_WRITTEN) String phone,
            UserStatus status,
            List<AssignmentView> roles) {

        static UserView of(org.tomsprov.app.users.Views.UserView u) {
            return new UserView(u.id(), u.email(), u.firstName(), u.lastName(), u.phone(), u.status(),
                    u.roles().stream().map(AssignmentView::of).toList());
        }
    }

    /** An organization. */
    public record OrganizationView(@Schema(example = "19647330000000") String code,
            @Schema(example = "Los Angeles Unified") String name, OrgType type,
            @Schema(nullable = true, example = "CA") String parentCode, OrgStatus status) {

        static OrganizationView of(org.tomsprov.app.organizations.OrganizationView o) {
            return new OrganizationView(o.code(), o.name(), o.type(), o.parentCode(), o.status());
        }
    }

    /** Whether each form is signed for the year, and when. */
    public record AgreementStatus(MeService.AgreementType type, boolean signed,
            @Schema(nullable = true) OffsetDateTime signedAt) {
    }

    /** The forms of the current year and whether both are signed. */
    public record SecurityAgreements(String administrationYear, boolean complete, List<AgreementStatus> forms) {

        static SecurityAgreements of(MeService.SecurityAgreements s) {
            return new SecurityAgreements(s.administrationYear(), s.complete(), s.forms().stream()
                    .map(f -> new AgreementStatus(f.type(), f.signed(), f.signedAt())).toList());
        }
    }

    /** The caller: profile (when registered), assignments, forms and what they administer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Me(@Schema(description = "Absent when the caller is not registered") UUID id,
            @Schema(format = "email") String email, String firstName, String lastName, UserStatus status,
            List<AssignmentView> roles,
            SecurityAgreements securityAgreements, AdministrativeScope administrativeScope) {

        static Me of(MeService.Me m) {
            return new Me(m.id(), m.email(), m.firstName(), m.lastName(), m.status(),
                    m.roles().stream().map(AssignmentView::of).toList(), SecurityAgreements.of(m.securityAgreements()),
                    m.administrativeScope());
        }
    }

    /** One audit event. */
    public record AuditEvent(long id, OffsetDateTime occurredAt, @Schema(nullable = true) String requestId,
            @Schema(description = "Who acted: an email, or system:bootstrap") String actor,
            AuditLog.Action action,
            @Schema(nullable = true) UUID targetUserId, @Schema(nullable = true) String orgCode,
            @Schema(nullable = true, description = "State before the change") Map<String, Object> before,
            @Schema(nullable = true, description = "State after the change") Map<String, Object> after) {

        static AuditEvent of(AuditService.AuditEvent e) {
            return new AuditEvent(e.id(), e.occurredAt(), e.requestId(), e.actor(), e.action(), e.targetUserId(),
                    e.orgCode(), e.before(), e.after());
        }
    }

    /** What an upload would do, or did. */
    public record Summary(int create, int update, int grant, int remove, int unchanged) {
    }

    /** An upload as its uploader sees it. */
    public record UploadView(UUID id, UploadStatus status, @Schema(enumeration = {"CSV", "XLSX"}) String format,
            @Schema(nullable = true) String fileName, int totalRows, int processedRows,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Known once validated") Summary summary,
            int errorCount,
            @Schema(nullable = true, description = "Why the upload was rejected or failed") String problemCode,
            @Schema(nullable = true) String problemDetail, OffsetDateTime createdAt,
            @Schema(nullable = true, description = "When a VALIDATED upload expires") OffsetDateTime expiresAt) {

        static UploadView of(UploadService.UploadView u) {
            UploadSummary s = u.summary();
            return new UploadView(u.id(), UploadStatus.valueOf(u.status().name()), u.format(), u.fileName(),
                    u.totalRows(), u.processedRows(),
                    s == null ? null : new Summary(s.create(), s.update(), s.grant(), s.remove(), s.unchanged()),
                    u.errorCount(), u.problemCode(), u.problemDetail(), u.createdAt(), u.expiresAt());
        }
    }

    /** Where an upload stands, as {@link org.tomsprov.domain.UploadStatus} says; named Status in the documents. */
    @Schema(name = "Status")
    public enum UploadStatus { RECEIVED, VALIDATING, VALIDATED, REJECTED, COMMITTING, COMMITTED, FAILED, EXPIRED }

    /** One row error: row number as a spreadsheet counts it (0 for the file), column, code and message. */
    public record RowError(int row, @Schema(nullable = true) String column, @Schema(nullable = true) String value,
            String code, String message) {

        static RowError of(UploadService.RowError e) {
            return new RowError(e.row(), e.column(), e.value(), e.code(), e.message());
        }
    }

    /** One RDW reporting permission and its scope, as RDW derives it from the user's tenancy chains. */
    public record RdwPermission(ReportingPermission id, RdwScope scope) {
    }

    /**
     * What CERS reads: the RDW reporting permissions, and the tenancy chains they come from, as a list and joined
     * into the {@code sbacTenancyChain} attribute value RDW parses.
     */
    public record CersPermissions(@Schema(format = "email") String email,
            @Schema(description = "Keyed by RDW reporting permission id") Map<String, RdwPermission> permissionsById,
            @Schema(description = "Every tenancy chain of the user (DL_EndUser included), as RDW's TenancyChain.fromString reads each")
            List<String> tenancyChains,
            @Schema(description = "The chains joined by ',' (RDW splits on '|,|'): the sbacTenancyChain attribute value")
            String sbacTenancyChain) {

        static CersPermissions of(CersPulls.CersPermissions p) {
            Map<String, RdwPermission> byId = new java.util.TreeMap<>();
            p.permissionsById().forEach((id, permission) ->
                    byId.put(id, new RdwPermission(permission.id(), permission.scope())));
            return new CersPermissions(p.email(), byId, p.tenancyChains(), p.sbacTenancyChain());
        }
    }

    /** The permissions of many users, in the order asked, and the emails no user has. */
    public record CersPermissionsBatch(List<CersPermissions> items,
            @Schema(description = "Emails asked for that no user has") List<String> notFound) {
    }

    /** A user whose served documents changed, and what moved in them. */
    public record PermissionChange(long sequence, UUID userId, @Schema(format = "email") String email,
            OffsetDateTime changedAt,
            @Schema(required = true, minItems = 1, uniqueItems = true, description = """
                    What moved in what this user is served, at least one: PERMISSIONS (what they may do, and where, \
                    by CDS code: roles, status, an organization closed or moved, the year), ORGANIZATION (the same \
                    permissions, but an organization's name in the tenancy chains), PROFILE (the email as written, \
                    letter case included). A consumer that acts only on permissions may skip entries without \
                    PERMISSIONS; the body and ETag of the user's pull change with every entry.""")
            List<ServedChange> changes) {
    }

    /** A page of the feed; {@code nextCursor} is always the position to poll after. */
    public record ChangeFeed(List<PermissionChange> items,
            @Schema(description = "Always present: poll again with after=nextCursor") String nextCursor) {

        static ChangeFeed of(CersPulls.ChangeFeed feed) {
            return new ChangeFeed(feed.items().stream()
                    .map(c -> new PermissionChange(c.sequence(), c.userId(), c.email(), c.changedAt(),
                            List.copyOf(c.changes()))).toList(),
                    feed.nextCursor());
        }
    }

    /** Whether a person may use Tools for Teachers, and the DL_EndUser tenancy chains. */
    public record T4tAccess(@Schema(format = "email") String email, boolean allowed,
            @Schema(example = "[\"|CA|DL_EndUser|STATE|1000|CA|||CA|CALIFORNIA|||||||||\"]") List<String> tenancyChains) {

        static T4tAccess of(ToolsForTeachersPulls.T4tAccess a) {
            return new T4tAccess(a.email(), a.allowed(), a.tenancyChains());
        }
    }

    /** The administration years. */
    public record AdministrationYears(@Schema(example = "2026-27", description = "The year whose roles count") String current,
            @Schema(example = "2027-28", description = "The year the next transition makes current") String upcoming,
            @Schema(description = "Every year some role belongs to, with the current and upcoming ones, latest first")
            List<String> years) {

        static AdministrationYears of(AdministrationYearService.Years years) {
            return new AdministrationYears(years.current(), years.upcoming(), years.known());
        }
    }

    /** What a transition changes among the people of one LEA. */
    public record LeaTransition(String leaCode, String leaName, int usersKeepingAccess, int usersLosingAccess,
            int usersGainingAccess) {
    }

    /** What a transition changed, or on a dry run would change. */
    public record YearTransition(@Schema(example = "2027-28") String year, boolean dryRun,
            @Schema(description = "Whether this request made the year current (false on a dry run, or when it already was)")
            boolean changed,
            @Schema(description = "Active users with roles in both years") int usersKeepingAccess,
            @Schema(description = "Active users with roles now and none for the new year: they lose access") int usersLosingAccess,
            @Schema(description = "Active users with roles only for the new year") int usersGainingAccess,
            List<LeaTransition> byLea,
            @Schema(description = "Active people who are State Administrator for the new year. A transition that would"
                    + " leave none is refused (409 NO_STATE_ADMINISTRATOR): carry the state level forward or grant"
                    + " the role for the new year first") int stateAdministrators,
            @Schema(description = "Open LEAs with roles in either year whose new year has no primary LEA CAASPP"
                    + " coordinator, by CDS code") List<Lea> leasWithoutPrimaryCoordinator) {

        static YearTransition of(AdministrationYearService.Transition t) {
            return new YearTransition(t.year(), t.dryRun(), t.changed(), t.usersKeepingAccess(), t.usersLosingAccess(),
                    t.usersGainingAccess(), t.byLea().stream().map(l -> new LeaTransition(l.leaCode(), l.leaName(),
                            l.usersKeepingAccess(), l.usersLosingAccess(), l.usersGainingAccess())).toList(),
                    t.stateAdministrators(), t.leasWithoutPrimaryCoordinator().stream()
                            .map(l -> new Lea(l.leaCode(), l.leaName())).toList());
        }
    }

    /** An LEA by its CDS code and name. */
    public record Lea(@Schema(example = "19647330000000") String leaCode, String leaName) {
    }

    /** What a carry-forward copied into the upcoming year, or on a dry run would copy. */
    public record CarryForward(@Schema(example = "2027-28") String year, boolean dryRun, int assignmentsCarried,
            int usersCarried,
            @Schema(description = "Assignments left behind because the caller may not grant them") int assignmentsNotYoursToGrant) {

        static CarryForward of(AdministrationYearService.CarryForward c) {
            return new CarryForward(c.year(), c.dryRun(), c.assignmentsCarried(), c.usersCarried(),
                    c.assignmentsNotYoursToGrant());
        }
    }
}
