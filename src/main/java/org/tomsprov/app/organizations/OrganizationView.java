package org.tomsprov.app.organizations;

import org.tomsprov.domain.OrgStatus;
import org.tomsprov.domain.OrgType;

/** An organization as clients see it. */
public record OrganizationView(String code, String name, OrgType type, String parentCode, OrgStatus status) {
}
