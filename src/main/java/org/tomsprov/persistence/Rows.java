package org.tomsprov.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.tomsprov.domain.OrgPath;
import org.tomsprov.domain.OrgStatus;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.Organization;

/** Reading the columns of native queries and JDBC results: rows, instants, and an organization with its ancestors. */
final class Rows {

    /**
     * The columns an organization path is read from, after the organization's alias {@code o} joined to its parent
     * {@code p} and grandparent {@code g}: ten columns, in the order {@link #path} reads them.
     */
    static final String ORG_PATH_COLUMNS = "o.code, o.name, o.type, o.status, p.code, p.name, p.status, g.code, g.name,"
            + " g.status";

    private Rows() {
    }

    /** The current row of a JDBC result, every column, as a native query's row would be. */
    static Object[] values(java.sql.ResultSet rows) throws java.sql.SQLException {
        Object[] row = new Object[rows.getMetaData().getColumnCount()];
        for (int i = 0; i < row.length; i++) {
            row[i] = rows.getObject(i + 1);
        }
        return row;
    }

    /** An instant as a native query (OffsetDateTime, Instant) or JDBC (Timestamp) gives it, in UTC. */
    static OffsetDateTime time(Object value) {
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC);
        }
        return value == null || value instanceof OffsetDateTime ? (OffsetDateTime) value
                : ((Instant) value).atOffset(ZoneOffset.UTC);
    }

    /** The organization whose {@link #ORG_PATH_COLUMNS} start at {@code at}, with its LEA and the state above it. */
    static OrgPath path(Object[] r, int at) {
        OrgType type = OrgType.valueOf((String) r[at + 2]);
        Organization org = new Organization((String) r[at], (String) r[at + 1], type, (String) r[at + 4],
                OrgStatus.valueOf((String) r[at + 3]));
        return switch (type) {
            case STATE -> OrgPath.ofState(org);
            case LEA -> OrgPath.ofLea(ancestor(r, at + 4, OrgType.STATE, null), org);
            case SCHOOL -> OrgPath.ofSchool(ancestor(r, at + 7, OrgType.STATE, null),
                    ancestor(r, at + 4, OrgType.LEA, (String) r[at + 7]), org);
        };
    }

    private static Organization ancestor(Object[] r, int at, OrgType type, String parent) {
        return new Organization((String) r[at], (String) r[at + 1], type, parent, OrgStatus.valueOf((String) r[at + 2]));
    }
}
