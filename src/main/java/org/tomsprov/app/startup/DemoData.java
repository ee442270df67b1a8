package org.tomsprov.app.startup;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.Role;
import org.tomsprov.persistence.OrganizationEntity;

/**
 * The demo set: the state, five real LEAs by CDS code with a few schools each (school names are illustrative),
 * and one person for each kind of user.
 */
@ApplicationScoped
public class DemoData {

    /** A demo person: who they are and the one role they hold. */
    public record DemoPerson(String key, String email, String firstName, String lastName, Role role, String orgCode,
            boolean primary) {
    }

    record School(String code, String name) {
    }

    static final Map<String, String> LEAS = new LinkedHashMap<>();
    static final Map<String, List<School>> SCHOOLS = new LinkedHashMap<>();

    static {
        LEAS.put("19647330000000", "Los Angeles Unified");
        LEAS.put("37683380000000", "San Diego Unified");
        LEAS.put("01612590000000", "Oakland Unified");
        LEAS.put("19101990000000", "Los Angeles County Office of Education");
        LEAS.put("38684780000000", "San Francisco Unified");
        SCHOOLS.put("19647330000000", List.of(
                new School("19647331930001", "Hollenbeck Middle (demo)"),
                new School("19647331930002", "Garfield High (demo)"),
                new School("19647336010003", "Aldama Elementary (demo)")));
        SCHOOLS.put("37683380000000", List.of(
                new School("37683383731239", "Lincoln High (demo)"),
                new School("37683386039002", "Balboa Elementary (demo)")));
        SCHOOLS.put("01612590000000", List.of(
                new School("01612590130001", "Oakland Technical High (demo)"),
                new School("01612596001002", "Chabot Elementary (demo)")));
        SCHOOLS.put("19101990000000", List.of(
                new School("19101991930001", "LACOE Juvenile Court School (demo)")));
        SCHOOLS.put("38684780000000", List.of(
                new School("38684783830001", "Lowell High (demo)"),
                new School("38684786040002", "Rooftop Elementary (demo)")));
    }

    public static final List<DemoPerson> PEOPLE = List.of(
            new DemoPerson("state-admin", "state.admin@cde.demo", "Sam", "Ortega", Role.STATE_ADMINISTRATOR, "CA", false),
            new DemoPerson("superintendent", "superintendent@lausd.demo", "Jordan", "Avery", Role.SUPERINTENDENT,
                    "19647330000000", false),
            new DemoPerson("lea-coordinator", "lea.coordinator@lausd.demo", "Maria", "Nguyễn", Role.LEA_CAASPP_COORDINATOR,
                    "19647330000000", true),
            new DemoPerson("site-coordinator", "site.coordinator@lausd.demo", "José", "Ramírez", Role.SITE_CAASPP_COORDINATOR,
                    "19647331930001", false),
            new DemoPerson("teacher", "teacher@lausd.demo", "Pat", "O'Brien", Role.EDUCATOR_ROSTER, "19647331930001", false),
            new DemoPerson("other-lea-coordinator", "lea.coordinator@sandi.demo", "Dana", "Lee", Role.LEA_CAASPP_COORDINATOR,
                    "37683380000000", true));

    void load(Bootstrap bootstrap) {
        OrganizationEntity state = bootstrap.ensureState();
        Map<String, OrganizationEntity> byCode = new LinkedHashMap<>();
        byCode.put("CA", state);
        LEAS.forEach((code, name) -> {
            OrganizationEntity lea = bootstrap.ensureOrganization(code, name, OrgType.LEA, state);
            byCode.put(code, lea);
            for (School school : SCHOOLS.get(code)) {
                byCode.put(school.code(), bootstrap.ensureOrganization(school.code(), school.name(), OrgType.SCHOOL, lea));
            }
        });
        for (DemoPerson p : PEOPLE) {
            bootstrap.ensurePerson(p.email(), p.firstName(), p.lastName(), p.role(), byCode.get(p.orgCode()), p.primary());
        }
    }
}
