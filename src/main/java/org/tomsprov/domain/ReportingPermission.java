package org.tomsprov.domain;

/**
 * RDW reporting permissions, the vocabulary CERS checks at request time. The two teacher-group permissions come from
 * no role: RDW derives them from school-level PII scopes ({@link RdwPermissions}).
 */
public enum ReportingPermission {
    INDIVIDUAL_PII_READ, GROUP_PII_READ, GROUP_READ, GROUP_WRITE, CUSTOM_AGGREGATE_READ, INSTRUCTIONAL_RESOURCE_WRITE,
    TEACHER_GROUP_READ, TEACHER_GROUP_WRITE
}
