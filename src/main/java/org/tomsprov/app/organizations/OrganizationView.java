package org.tomsprov.app.organizations;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tomsprov.domain.OrgStatus;
import org.tomsprov.domain.OrgType;

/** An organization as clients see it. */
public record OrganizationView(@Schema(example = "19647330000000") String code,
        @Schema(example = "Los Angeles Unified") String name, OrgType type,
        @Schema(nullable = true, example = "CA") String parentCode, OrgStatus status) {
}
