package org.tomsprov.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tomsprov.testdata.Api.asService;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.World;

/**
 * CERS (built on RDW) and Tools for Teachers (built on the Digital Library) read our pulls with their own code.
 * This class restates their parsing rules here, independently of ours, and runs them over real pulls of a matrix
 * of users:
 * <ul>
 *   <li>RDW's {@code TenancyChain.fromString}: the attribute is the chains joined by {@code ,}, split on
 *       {@code |,|}; each chain has 17 fields; Level is STATE, DISTRICT or INSTITUTION and EntityID is the id at
 *       that level.</li>
 *   <li>RDW's permission derivation: only its {@code ReportingRole} tokens count (exact match); each expands to its
 *       reporting permissions; scopes are the union of the chains' ids; school-level-only PII scopes give the
 *       teacher-group permissions.</li>
 *   <li>The Digital Library keeps the chains whose role, lower-cased, is {@code dl_enduser}.</li>
 * </ul>
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsumerCompatibilityTest {

    /** RDW's ReportingRole tokens and the permissions each carries. */
    static final Map<String, List<String>> RDW_ROLES = Map.of(
            "PII", List.of("INDIVIDUAL_PII_READ", "GROUP_PII_READ", "GROUP_READ", "CUSTOM_AGGREGATE_READ"),
            "PII_GROUP", List.of("GROUP_PII_READ", "GROUP_READ"),
            "GROUP_ADMIN", List.of("GROUP_READ", "GROUP_WRITE"),
            "CUSTOM_AGGREGATE_REPORTER", List.of("CUSTOM_AGGREGATE_READ"),
            "Instructional Resource Admin", List.of("INSTRUCTIONAL_RESOURCE_WRITE"));

    @Inject
    World world;

    final Map<String, String> users = new LinkedHashMap<>();

    @BeforeAll
    void aMatrixOfUsers() {
        world.state();
        World.Lea lea = world.lea(2);
        World.Lea other = world.lea(1);
        String prefix = World.freshPrefix();
        World.Lea leadingZero = world.lea("0" + prefix.substring(1) + "0000000", "Alameda, Oakland & Co. Unified",
                Map.of("0" + prefix.substring(1) + "0000011", "Lincoln, Abraham High"));
        String charterCode = World.freshPrefix() + "6120091";
        World.Lea charter = world.lea(charterCode, "Charter Academy", Map.of(charterCode, "Charter Academy"));

        users.put("state administrator", person(Role.STATE_ADMINISTRATOR, "CA"));
        users.put("superintendent", person(Role.SUPERINTENDENT, lea.code()));
        users.put("LEA coordinator", person(Role.LEA_CAASPP_COORDINATOR, lea.code()));
        users.put("school teacher", person(Role.EDUCATOR_ROSTER, lea.school(0)));
        String site = person(Role.SITE_CAASPP_COORDINATOR, lea.school(1));
        world.person(site, Role.EDUCATOR_ROSTER, lea.school(0), false);
        users.put("two schools", site);
        String charterUser = person(Role.EDUCATOR_DISTRICT, charter.code());
        world.person(charterUser, Role.SITE_ELPAC_COORDINATOR, charter.school(0), false);
        users.put("charter, one code at both levels", charterUser);
        String zero = person(Role.EDUCATOR_DISTRICT, leadingZero.code());
        world.person(zero, Role.EDUCATOR_ROSTER, leadingZero.school(0), false);
        users.put("leading zero, commas in names", zero);
        String inactive = person(Role.EDUCATOR_ROSTER, lea.school(0));
        world.deactivate(inactive);
        users.put("inactive", inactive);
        String twoLeas = person(Role.EDUCATOR_ROSTER, lea.school(0));
        world.person(twoLeas, Role.LST_CORRESPONDENCE_ADMINISTRATOR, other.code(), false);
        world.person(twoLeas, Role.TOOLS_FOR_TEACHERS_ONLY, other.school(0), false);
        users.put("two LEAs", twoLeas);
    }

    String person(Role role, String orgCode) {
        String email = World.email(role.name().toLowerCase(Locale.ROOT));
        world.person(email, role, orgCode, false);
        return email;
    }

    Stream<Arguments> matrix() {
        return users.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void rdwAndTheDigitalLibraryReadOurPullsAsTheyAre(String who, String email) {
        JsonPath cers = asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then()
                .statusCode(200).extract().jsonPath();
        List<String> chains = cers.getList("tenancyChains");
        String attribute = cers.getString("sbacTenancyChain");

        List<String[]> parsed = rdwFromString(attribute);
        assertThat(parsed).as("the attribute holds every chain").hasSameSizeAs(chains);
        for (int i = 0; i < parsed.size(); i++) {
            String[] fields = parsed.get(i);
            assertThat(fields).as("17 fields").hasSize(17);
            assertThat("|" + String.join("|", fields) + "|").as("round trip").isEqualTo(chains.get(i));
            String level = fields[2];
            assertThat(level).isIn("STATE", "DISTRICT", "INSTITUTION");
            int idAtLevel = switch (level) {
                case "STATE" -> 7;
                case "DISTRICT" -> 11;
                default -> 15;
            };
            assertThat(fields[0]).as("entity id is the id at its level").isEqualTo(fields[idAtLevel]).isNotEmpty();
            assertThat(fields[3]).isEqualTo("1000");
        }

        Map<String, Map<String, Object>> expected = rdwPermissions(parsed);
        Map<String, Map<String, Object>> actual = cers.getMap("permissionsById");
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((id, scope) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> actualPermission = actual.get(id);
            assertThat(actualPermission.get("id")).isEqualTo(id);
            assertThat(actualPermission.get("scope")).as(id).isEqualTo(scope);
        });
        for (Map<String, Object> permission : actual.values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> scope = (Map<String, Object>) permission.get("scope");
            for (String list : List.of("districtIds", "institutionIds")) {
                assertThat((List<?>) scope.get(list)).allSatisfy(id ->
                        assertThat(id).isInstanceOf(String.class).asString().matches("[0-9]{14}"));
            }
        }

        JsonPath t4t = asService("t4t-service").when().get("/api/v1/t4t/users/" + email + "/access").then()
                .statusCode(200).extract().jsonPath();
        List<String> digitalLibrary = chains.stream()
                .filter(c -> c.split("\\|", -1)[2].toLowerCase(Locale.ROOT).equals("dl_enduser")).toList();
        assertThat(t4t.getBoolean("allowed")).isEqualTo(!digitalLibrary.isEmpty());
        assertThat(t4t.getList("tenancyChains")).containsExactlyElementsOf(digitalLibrary);
        if (who.equals("inactive")) {
            assertThat(chains).isEmpty();
            assertThat(actual).isEmpty();
        } else {
            assertThat(chains).isNotEmpty();
        }
    }

    /** RDW's TenancyChain.fromString: strip the outer pipes, split chains on "|,|", fields on "|". */
    static List<String[]> rdwFromString(String attribute) {
        List<String[]> chains = new ArrayList<>();
        if (attribute == null || attribute.isEmpty()) {
            return chains;
        }
        String inner = attribute.substring(1, attribute.length() - 1);
        for (String chain : inner.split("\\|,\\|", -1)) {
            chains.add(chain.split("\\|", -1));
        }
        return chains;
    }

    /** RDW's derivation, restated: tokens it knows, scope unions, then the teacher-group rule. */
    static Map<String, Map<String, Object>> rdwPermissions(List<String[]> chains) {
        Map<String, Boolean> statewide = new TreeMap<>();
        Map<String, Set<String>> districts = new TreeMap<>();
        Map<String, Set<String>> schools = new TreeMap<>();
        for (String[] chain : chains) {
            for (String permission : RDW_ROLES.getOrDefault(chain[1], List.of())) {
                statewide.merge(permission, chain[2].equals("STATE"), Boolean::logicalOr);
                districts.computeIfAbsent(permission, p -> new TreeSet<>());
                schools.computeIfAbsent(permission, p -> new TreeSet<>());
                if (chain[2].equals("DISTRICT")) {
                    districts.get(permission).add(chain[0]);
                } else if (chain[2].equals("INSTITUTION")) {
                    schools.get(permission).add(chain[0]);
                }
            }
        }
        Set<String> teacherSchools = new TreeSet<>();
        for (String pii : List.of("GROUP_PII_READ", "INDIVIDUAL_PII_READ")) {
            if (statewide.containsKey(pii) && !statewide.get(pii) && districts.get(pii).isEmpty()
                    && !schools.get(pii).isEmpty()) {
                teacherSchools.addAll(schools.get(pii));
            }
        }
        if (!teacherSchools.isEmpty()) {
            for (String teacher : List.of("TEACHER_GROUP_READ", "TEACHER_GROUP_WRITE")) {
                statewide.put(teacher, false);
                districts.put(teacher, new TreeSet<>());
                schools.put(teacher, teacherSchools);
            }
        }
        Map<String, Map<String, Object>> result = new TreeMap<>();
        statewide.forEach((permission, state) -> {
            Map<String, Object> scope = new LinkedHashMap<>();
            scope.put("statewide", state);
            scope.put("districtIds", new ArrayList<>(districts.get(permission)));
            scope.put("districtGroupIds", List.of());
            scope.put("institutionIds", new ArrayList<>(schools.get(permission)));
            scope.put("institutionGroupIds", List.of());
            result.put(permission, scope);
        });
        return result;
    }
}
