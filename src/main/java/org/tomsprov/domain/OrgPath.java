package org.tomsprov.domain;

import java.util.Objects;

/**
 * An organization together with its ancestors, from the state down. The hierarchy has three fixed levels,
 * so a path is the state, the LEA (absent for the state itself) and the school (present only for a school).
 */
public record OrgPath(Organization state, Organization lea, Organization school) {

    public OrgPath {
        Objects.requireNonNull(state, "state");
        if (school != null && lea == null) {
            throw new IllegalArgumentException("a school path needs its LEA");
        }
    }

    public static OrgPath ofState(Organization state) {
        return new OrgPath(state, null, null);
    }

    public static OrgPath ofLea(Organization state, Organization lea) {
        return new OrgPath(state, lea, null);
    }

    public static OrgPath ofSchool(Organization state, Organization lea, Organization school) {
        return new OrgPath(state, lea, school);
    }

    /** The organization this path leads to. */
    public Organization target() {
        if (school != null) {
            return school;
        }
        return lea != null ? lea : state;
    }

    public OrgType level() {
        return target().type();
    }

    /** The LEA this organization belongs to (itself for an LEA), or null for the state. */
    public String leaCode() {
        return lea == null ? null : lea.code();
    }

    /** Whether {@code other} is this organization or lies below it. */
    public boolean covers(OrgPath other) {
        return switch (level()) {
            case STATE -> true;
            case LEA -> other.lea != null && other.lea.code().equals(lea.code());
            case SCHOOL -> other.school != null && other.school.code().equals(school.code())
                    && other.lea.code().equals(lea.code());
        };
    }
}
