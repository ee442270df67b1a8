package org.tomsprov.domain;

/** An organization is ACTIVE, or CLOSED; no new role can be granted at a CLOSED one. */
public enum OrgStatus {
    ACTIVE, CLOSED
}
