package org.tomsprov.testdata;

import org.tomsprov.domain.OrgPath;
import org.tomsprov.domain.OrgStatus;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.Organization;

/** Organization paths for plain unit tests: the state, two LEAs, and schools under each. */
public final class Orgs {

    public static final Organization STATE = new Organization("CA", "CALIFORNIA", OrgType.STATE, null, OrgStatus.ACTIVE);
    public static final Organization LAUSD = lea("19647330000000", "Los Angeles Unified");
    public static final Organization SDUSD = lea("37683380000000", "San Diego Unified");

    public static final OrgPath STATE_PATH = OrgPath.ofState(STATE);
    public static final OrgPath LAUSD_PATH = OrgPath.ofLea(STATE, LAUSD);
    public static final OrgPath SDUSD_PATH = OrgPath.ofLea(STATE, SDUSD);
    public static final OrgPath LAUSD_SCHOOL_A = school(LAUSD, "19647331930001", "Hollenbeck Middle");
    public static final OrgPath LAUSD_SCHOOL_B = school(LAUSD, "19647331930002", "Garfield High");
    public static final OrgPath SDUSD_SCHOOL = school(SDUSD, "37683383731239", "Lincoln High");

    private Orgs() {
    }

    public static Organization lea(String code, String name) {
        return new Organization(code, name, OrgType.LEA, "CA", OrgStatus.ACTIVE);
    }

    public static OrgPath school(Organization lea, String code, String name) {
        return OrgPath.ofSchool(STATE, lea, new Organization(code, name, OrgType.SCHOOL, lea.code(), OrgStatus.ACTIVE));
    }

    public static OrgPath closed(OrgPath path) {
        Organization t = path.target();
        Organization closed = new Organization(t.code(), t.name(), t.type(), t.parentCode(), OrgStatus.CLOSED);
        return switch (t.type()) {
            case STATE -> OrgPath.ofState(closed);
            case LEA -> OrgPath.ofLea(path.state(), closed);
            case SCHOOL -> OrgPath.ofSchool(path.state(), path.lea(), closed);
        };
    }
}
