package org.tomsprov.domain;

import static org.tomsprov.domain.ReportingPermission.*;

import java.util.List;

/**
 * The CERS and Tools for Teachers permissions that TOMS roles carry (tables B.1 and B.2 of the CAASPP guide),
 * each with the RDW reporting permissions it expands to and its role token in a tenancy chain.
 */
public enum CersPermission {
    PII("View individual student results by district, school and grade",
            "PII", List.of(INDIVIDUAL_PII_READ, GROUP_PII_READ, GROUP_READ, CUSTOM_AGGREGATE_READ)),
    PII_GROUP("Create, edit and delete custom groups from assigned groups; view students in assigned groups",
            "PII_GROUP", List.of(GROUP_PII_READ, GROUP_READ)),
    GROUP_ADMIN("Create, edit and delete assigned student groups and assign them to others",
            "GROUP_ADMIN", List.of(GROUP_READ, GROUP_WRITE)),
    CUSTOM_AGGREGATE_REPORTER("Create, view and export custom aggregate reports",
            "Custom Aggregate Reporter", List.of(CUSTOM_AGGREGATE_READ)),
    INSTRUCTIONAL_RESOURCE_ADMIN("Create, edit and delete links to instructional resources",
            "Instructional Resource Admin", List.of(INSTRUCTIONAL_RESOURCE_WRITE)),
    DL_EndUser("Tools for Teachers user", "DL_EndUser", List.of());

    private final String description;
    private final String tenancyToken;
    private final List<ReportingPermission> reportingPermissions;

    CersPermission(String description, String tenancyToken, List<ReportingPermission> reportingPermissions) {
        this.description = description;
        this.tenancyToken = tenancyToken;
        this.reportingPermissions = reportingPermissions;
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
