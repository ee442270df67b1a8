package org.tomsprov.domain;

import static org.tomsprov.domain.ReportingPermission.*;

import java.util.List;

/**
 * The CERS and Tools for Teachers permissions that TOMS roles carry (tables B.1 and B.2 of the CAASPP guide), each
 * with its name as the guide writes it, its role token in a tenancy chain (exactly as RDW's {@code ReportingRole}
 * or the Digital Library spells it: RDW drops any other token) and the RDW reporting permissions it expands to.
 */
public enum CersPermission {
    PII("PII", "View individual student results by district, school and grade",
            "PII", List.of(INDIVIDUAL_PII_READ, GROUP_PII_READ, GROUP_READ, CUSTOM_AGGREGATE_READ)),
    PII_GROUP("PII_GROUP", "Create, edit and delete custom groups from assigned groups; view students in assigned groups",
            "PII_GROUP", List.of(GROUP_PII_READ, GROUP_READ)),
    GROUP_ADMIN("GROUP_ADMIN", "Create, edit and delete assigned student groups and assign them to others",
            "GROUP_ADMIN", List.of(GROUP_READ, GROUP_WRITE)),
    CUSTOM_AGGREGATE_REPORTER("Custom Aggregate Reporter", "Create, view and export custom aggregate reports",
            "CUSTOM_AGGREGATE_REPORTER", List.of(CUSTOM_AGGREGATE_READ)),
    INSTRUCTIONAL_RESOURCE_ADMIN("Instructional Resource Admin", "Create, edit and delete links to instructional resources",
            "Instructional Resource Admin", List.of(INSTRUCTIONAL_RESOURCE_WRITE)),
    DL_EndUser("DL_EndUser", "Tools for Teachers user", "DL_EndUser", List.of());

    private final String displayName;
    private final String description;
    private final String tenancyToken;
    private final List<ReportingPermission> reportingPermissions;

    CersPermission(String displayName, String description, String tenancyToken,
            List<ReportingPermission> reportingPermissions) {
        this.displayName = displayName;
        this.description = description;
        this.tenancyToken = tenancyToken;
        this.reportingPermissions = reportingPermissions;
    }

    /** The name as the CAASPP guide writes it. */
    public String displayName() {
        return displayName;
    }

    public String id() {
        return name();
    }

    public String description() {
        return description;
    }

    /** How the permission is spelled in the Role field of an RDW tenancy chain. */
    public String tenancyToken() {
        return tenancyToken;
    }

    public List<ReportingPermission> reportingPermissions() {
        return reportingPermissions;
    }
}
