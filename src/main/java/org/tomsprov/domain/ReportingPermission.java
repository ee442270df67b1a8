package org.tomsprov.domain;

/** RDW reporting permissions, the vocabulary CERS checks at request time. */
public enum ReportingPermission {
    INDIVIDUAL_PII_READ, GROUP_PII_READ, GROUP_READ, GROUP_WRITE, CUSTOM_AGGREGATE_READ, INSTRUCTIONAL_RESOURCE_WRITE
}
