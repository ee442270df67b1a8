package org.tomsprov.authz;

/** Why an action is refused; stable codes that reach clients in problem bodies. */
public enum DenialCode {
    /** The caller holds no administering role in the current administration year. */
    NOT_AN_ADMINISTRATOR,
    /** The caller has not signed both the Test Security Agreement and Affidavit for the current year. */
    SECURITY_AGREEMENT_REQUIRED,
    /** The organization lies outside every organization the caller administers. */
    ORG_OUTSIDE_SCOPE,
    /** The caller's roles do not allow granting (or revoking) this role. */
    ROLE_NOT_GRANTABLE,
    /** The role is valid at another level than the organization's. */
    ROLE_LEVEL_MISMATCH,
    /** The organization is closed: no new role can be granted there. */
    ORG_CLOSED,
    /** {@code primary} is only for the two LEA coordinator roles. */
    PRIMARY_NOT_ALLOWED,
    /** The user is not visible to the caller: none of their roles lies in the caller's scope. */
    USER_OUTSIDE_SCOPE,
    /** The user holds active roles the caller has no authority over. */
    ASSIGNMENTS_OUTSIDE_SCOPE,
    /** The endpoint is for service clients (CERS, Tools for Teachers), not people. */
    SERVICE_CLIENT_REQUIRED,
    /** The endpoint is for people, not service clients. */
    PERSON_REQUIRED,
    /** The endpoint is for a district's SCIM provisioning client. */
    PROVISIONER_REQUIRED,
    /** Only a state administrator may do this. */
    STATE_ADMINISTRATOR_REQUIRED
}
