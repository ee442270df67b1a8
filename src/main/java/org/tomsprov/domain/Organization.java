package org.tomsprov.domain;

import java.util.Objects;

/**
 * An organization of the hierarchy: the state, an LEA (district, county office or directly funded
 * charter) or a school, identified by its public CDS code. Codes are unique per type only: a charter can
 * be an LEA and a school under the same code.
 */
public record Organization(String code, String name, OrgType type, String parentCode, OrgStatus status) {

    public Organization {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }

    public boolean isOpen() {
        return status == OrgStatus.ACTIVE;
    }
}
