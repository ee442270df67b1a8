package org.tomsprov.domain;

import static org.tomsprov.domain.CersPermission.*;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TOMS role catalog: every role, the one level it is valid at, whether it is site-based (exposes a whole
 * school's results), and the CERS / Tools for Teachers permissions it carries. This enum is the only place
 * that mapping lives.
 */
public enum Role {
    STATE_ADMINISTRATOR("State Administrator", OrgType.STATE, false, List.of(DL_EndUser), Administers.STATE),
    SUPERINTENDENT("Superintendent", OrgType.LEA, false, List.of(DL_EndUser), Administers.SUPERINTENDENT),
    LEA_CAASPP_COORDINATOR("LEA CAASPP Coordinator", OrgType.LEA, false, Permissions.FULL, Administers.LEA_COORDINATOR),
    LEA_ELPAC_COORDINATOR("LEA ELPAC Coordinator", OrgType.LEA, false, Permissions.FULL, Administers.LEA_COORDINATOR),
    EDUCATOR_DISTRICT("Educator - District", OrgType.LEA, false, Permissions.FULL, Administers.NONE),
    LST_CORRESPONDENCE_ADMINISTRATOR("LST Correspondence Administrator", OrgType.LEA, false, Permissions.GROUP, Administers.NONE),
    SITE_CAASPP_COORDINATOR("Site CAASPP Coordinator", OrgType.SCHOOL, true, Permissions.FULL, Administers.SITE_COORDINATOR),
    SITE_ELPAC_COORDINATOR("Site ELPAC Coordinator", OrgType.SCHOOL, true, Permissions.FULL, Administers.SITE_COORDINATOR),
    EDUCATOR_TEST_SITE("Educator - Test Site", OrgType.SCHOOL, true, Permissions.FULL, Administers.NONE),
    CAASPP_TEST_ADMINISTRATOR("CAASPP Test Administrator", OrgType.SCHOOL, false, Permissions.GROUP, Administers.NONE),
    CAASPP_TEST_EXAMINER("CAASPP Test Examiner", OrgType.SCHOOL, false, Permissions.GROUP, Administers.NONE),
    CAASPP_IA_ADMINISTRATOR_ONLY("CAASPP IA Administrator Only", OrgType.SCHOOL, false, Permissions.GROUP, Administers.NONE),
    ELPAC_TEST_EXAMINER("ELPAC Test Examiner", OrgType.SCHOOL, false, Permissions.GROUP, Administers.NONE),
    LST_DATA_ENTRY("LST Data Entry", OrgType.SCHOOL, false, Permissions.GROUP, Administers.NONE),
    EDUCATOR_ROSTER("Educator - Roster", OrgType.SCHOOL, false, Permissions.GROUP, Administers.NONE),
    TOOLS_FOR_TEACHERS_ONLY("Tools for Teachers Only", OrgType.SCHOOL, false, List.of(DL_EndUser), Administers.NONE);

    /**
     * What holding a role lets a person administer: nothing, or the state, an LEA as its superintendent, an LEA as
     * a coordinator, a school as its site coordinator. The grant matrix of each is {@code authz.AdministeringCapacity}.
     */
    public enum Administers { NONE, STATE, SUPERINTENDENT, LEA_COORDINATOR, SITE_COORDINATOR }

    private static final class Permissions {
        static final List<CersPermission> FULL =
                List.of(PII, PII_GROUP, GROUP_ADMIN, CUSTOM_AGGREGATE_REPORTER, INSTRUCTIONAL_RESOURCE_ADMIN, DL_EndUser);
        static final List<CersPermission> GROUP = List.of(PII_GROUP, DL_EndUser);
    }

    private static final Map<String, Role> BY_KEY = new HashMap<>();

    static {
        for (Role role : values()) {
            BY_KEY.put(normalize(role.displayName), role);
            BY_KEY.put(normalize(role.name()), role);
        }
    }

    private final String displayName;
    private final OrgType level;
    private final boolean siteBased;
    private final List<CersPermission> permissions;
    private final Administers administers;

    Role(String displayName, OrgType level, boolean siteBased, List<CersPermission> permissions, Administers administers) {
        this.displayName = displayName;
        this.level = level;
        this.siteBased = siteBased;
        this.permissions = permissions;
        this.administers = administers;
    }

    public Administers administers() {
        return administers;
    }

    public String id() {
        return name();
    }

    public String displayName() {
        return displayName;
    }

    public OrgType level() {
        return level;
    }

    public boolean siteBased() {
        return siteBased;
    }

    public List<CersPermission> permissions() {
        return permissions;
    }

    public boolean isLeaCoordinator() {
        return administers == Administers.LEA_COORDINATOR;
    }

    /** The roles that administer in this way. */
    public static java.util.Set<Role> administering(Administers kind) {
        java.util.Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
        for (Role role : values()) {
            if (role.administers == kind) {
                roles.add(role);
            }
        }
        return roles;
    }

    /**
     * Reads a role as people and spreadsheets write it: the display name with any dash, spacing and letter case
     * ("Educator—District", "educator - district"), or the role id ("EDUCATOR_DISTRICT").
     */
    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_KEY.get(normalize(text)));
    }

    /** Lower-case letters and digits only, every run of other characters (dashes, spaces, underscores) dropped. */
    static String normalize(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
        StringBuilder key = new StringBuilder(folded.length());
        folded.codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
        return key.toString();
    }

    public static List<Role> atLevel(OrgType level) {
        return Arrays.stream(values()).filter(r -> r.level == level).toList();
    }
}
