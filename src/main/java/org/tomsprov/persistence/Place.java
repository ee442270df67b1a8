package org.tomsprov.persistence;

import org.tomsprov.domain.OrgPath;

/**
 * An organization where a role may be granted: its row id, the row id of its LEA (itself for an LEA, null for the
 * state) and its path with ancestors, as the authorizer weighs it.
 */
public record Place(long id, Long leaId, OrgPath path) {

    public static Place of(OrganizationEntity org) {
        return new Place(org.id, OrganizationRepository.leaIdOf(org), OrganizationRepository.pathOf(org));
    }

    public String code() {
        return path.target().code();
    }
}
