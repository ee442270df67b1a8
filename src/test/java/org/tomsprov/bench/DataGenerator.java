package org.tomsprov.bench;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads a California-sized directory and population straight into PostgreSQL with COPY, deterministically from
 * a seed: the state, LEAs (the first one large, like Los Angeles Unified), schools, people and role assignments
 * with a realistic mix: per LEA a superintendent, a primary CAASPP and an ELPAC coordinator and district educators;
 * per school a site coordinator; most people school-level teachers and examiners holding two roles, a few at two
 * schools or in two LEAs. Administrators have signed both security forms.
 */
public final class DataGenerator {

    /** How big, and which seed. */
    public record Size(int leas, int schools, int largeLeaSchools, int users, int assignments, long seed) {
        public static Size california() {
            return new Size(1_100, 11_000, 700, 500_000, 1_000_000, 2026L);
        }

        public static Size tiny() {
            return new Size(4, 20, 8, 300, 640, 7L);
        }
    }

    /** What was loaded: codes and emails the load driver needs. */
    public record Loaded(List<String> leaCodes, List<String> schoolCodes, String largeLeaCoordinator,
            String siteCoordinator, String stateAdmin, int users, int assignments, int organizations) {
    }

    static final String[] FIRST = {"Ana", "José", "Maria", "Nguyễn", "Li", "Sam", "Pat", "Dana", "Łukasz", "Aisha", "Kai", "Renée"};
    static final String[] LAST = {"Díaz", "O'Brien", "Zhang", "Lee", "Ramírez", "Smith", "Tran", "García", "Kim", "Patel"};
    static final String[] SECOND_ROLE = {"CAASPP_TEST_EXAMINER", "CAASPP_TEST_EXAMINER", "CAASPP_TEST_ADMINISTRATOR",
            "ELPAC_TEST_EXAMINER", "EDUCATOR_TEST_SITE", "LST_DATA_ENTRY", "CAASPP_IA_ADMINISTRATOR_ONLY"};

    private final Size size;
    private final String year;
    private final SplittableRandom random;

    public DataGenerator(Size size, String year) {
        this.size = size;
        this.year = year;
        this.random = new SplittableRandom(size.seed());
    }

    public Loaded load(Connection connection) throws SQLException, IOException {
        connection.setAutoCommit(false);
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        String now = OffsetDateTime.now().toString();

        // organizations: id 1 the state, then LEAs, then schools
        StringBuilder orgs = new StringBuilder();
        long stateId = 1;
        row(orgs, stateId, "CA", "STATE", "CALIFORNIA", "\\N");
        List<String> leaCodes = new ArrayList<>();
        List<Long> leaIds = new ArrayList<>();
        for (int i = 0; i < size.leas(); i++) {
            String code = String.format("%02d%05d0000000", 1 + i % 58, 10_000 + i);
            long id = 2 + i;
            leaCodes.add(code);
            leaIds.add(id);
            row(orgs, id, code, "LEA", "Bench District " + i, String.valueOf(stateId));
        }
        List<String> schoolCodes = new ArrayList<>();
        List<Long> schoolIds = new ArrayList<>();
        List<Integer> schoolLea = new ArrayList<>();
        long nextId = 2 + size.leas();
        int others = size.schools() - size.largeLeaSchools();
        for (int s = 0; s < size.schools(); s++) {
            int lea = s < size.largeLeaSchools() ? 0 : 1 + (s - size.largeLeaSchools()) % Math.max(1, size.leas() - 1);
            if (size.leas() == 1) {
                lea = 0;
            }
            String code = leaCodes.get(lea).substring(0, 7) + String.format("%07d", 1_000_000 + s);
            schoolCodes.add(code);
            schoolIds.add(nextId);
            schoolLea.add(lea);
            row(orgs, nextId++, code, "SCHOOL", "Bench School " + s, String.valueOf(leaIds.get(lea)));
        }
        copy.copyIn("COPY organization (id, code, type, name, parent_id) FROM STDIN", new StringReader(orgs.toString()));
        try (Statement st = connection.createStatement()) {
            st.execute("select setval('organization_id_seq', " + (nextId - 1) + ")");
        }

        StringBuilder users = new StringBuilder();
        StringBuilder roles = new StringBuilder();
        StringBuilder signed = new StringBuilder();
        int[] counts = new int[2];
        String[] named = new String[3];
        // per LEA: superintendent, primary CAASPP coordinator, ELPAC coordinator, two district educators
        for (int l = 0; l < size.leas(); l++) {
            long lea = leaIds.get(l);
            for (String role : List.of("SUPERINTENDENT", "LEA_CAASPP_COORDINATOR", "LEA_ELPAC_COORDINATOR",
                    "EDUCATOR_DISTRICT", "EDUCATOR_DISTRICT")) {
                Person user = user(users, counts, now);
                assign(roles, counts, user, role, lea, lea, role.equals("LEA_CAASPP_COORDINATOR"), now);
                if (!role.equals("EDUCATOR_DISTRICT")) {
                    sign(signed, user);
                }
                if (l == 0 && role.equals("LEA_CAASPP_COORDINATOR")) {
                    named[0] = email(counts[0] - 1);
                }
            }
        }
        // per school: a site coordinator who also holds Educator - Test Site
        for (int s = 0; s < size.schools(); s++) {
            Person user = user(users, counts, now);
            long lea = leaIds.get(schoolLea.get(s));
            assign(roles, counts, user, "SITE_CAASPP_COORDINATOR", schoolIds.get(s), lea, false, now);
            assign(roles, counts, user, "EDUCATOR_TEST_SITE", schoolIds.get(s), lea, false, now);
            sign(signed, user);
            if (s == 0) {
                named[1] = email(counts[0] - 1);
            }
        }
        // the state administrator
        Person admin = user(users, counts, now);
        assign(roles, counts, admin, "STATE_ADMINISTRATOR", stateId, null, false, now);
        sign(signed, admin);
        named[2] = email(counts[0] - 1);
        // teachers and examiners: a roster role plus a second role; some at a second school or in a second LEA
        int teachers = size.users() - counts[0];
        int extraBudget = size.assignments() - counts[1] - 2 * teachers;
        int extraEvery = extraBudget <= 0 ? Integer.MAX_VALUE : Math.max(1, teachers / extraBudget);
        for (int t = 0; t < teachers; t++) {
            Person user = user(users, counts, now);
            int s = random.nextInt(size.schools());
            long lea = leaIds.get(schoolLea.get(s));
            assign(roles, counts, user, "EDUCATOR_ROSTER", schoolIds.get(s), lea, false, now);
            int r = random.nextInt(100);
            if (r < 5) {
                int other = random.nextInt(size.schools());
                if (other == s) {
                    other = (s + 1) % size.schools();
                }
                assign(roles, counts, user, "EDUCATOR_ROSTER", schoolIds.get(other), leaIds.get(schoolLea.get(other)), false, now);
            } else {
                assign(roles, counts, user, SECOND_ROLE[random.nextInt(SECOND_ROLE.length)], schoolIds.get(s), lea, false, now);
            }
            if (extraBudget > 0 && t % extraEvery == 0) {
                assign(roles, counts, user, "TOOLS_FOR_TEACHERS_ONLY", schoolIds.get(s), lea, false, now);
                extraBudget--;
            }
            if (users.length() > 8_000_000) {
                flush(copy, users, roles, signed);
            }
        }
        flush(copy, users, roles, signed);
        connection.commit();
        try (Statement st = connection.createStatement()) {
            connection.setAutoCommit(true);
            st.execute("analyze");
        }
        return new Loaded(leaCodes, schoolCodes, named[0], named[1], named[2], counts[0], counts[1],
                1 + size.leas() + size.schools());
    }

    private void flush(CopyManager copy, StringBuilder users, StringBuilder roles, StringBuilder signed) throws SQLException {
        try {
            copy.copyIn("COPY app_user (id, email, first_name, last_name, status, version, created_at, updated_at) FROM STDIN",
                    new StringReader(users.toString()));
            copy.copyIn("COPY role_assignment (id, user_id, email_key, role_id, org_id, lea_id, administration_year, is_primary, created_at)"
                    + " FROM STDIN", new StringReader(roles.toString()));
            copy.copyIn("COPY security_agreement (user_id, type, administration_year) FROM STDIN",
                    new StringReader(signed.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        users.setLength(0);
        roles.setLength(0);
        signed.setLength(0);
    }

    public static String email(int n) {
        return "u" + n + "@bench.example";
    }

    /** A generated person, as their assignments name them. */
    private record Person(UUID id, String email) {
    }

    private Person user(StringBuilder out, int[] counts, String now) {
        UUID id = new UUID(random.nextLong(), random.nextLong());
        String email = email(counts[0]++);
        out.append(id).append('\t').append(email).append('\t')
                .append(FIRST[random.nextInt(FIRST.length)]).append('\t').append(LAST[random.nextInt(LAST.length)])
                .append("\tACTIVE\t0\t").append(now).append('\t').append(now).append('\n');
        return new Person(id, email);
    }

    private void assign(StringBuilder out, int[] counts, Person user, String role, long org, Long lea, boolean primary,
            String now) {
        out.append(new UUID(random.nextLong(), random.nextLong())).append('\t').append(user.id()).append('\t')
                .append(user.email().toLowerCase(java.util.Locale.ROOT)).append('\t').append(role)
                .append('\t').append(org).append('\t').append(lea == null ? "\\N" : lea).append('\t').append(year)
                .append('\t').append(primary ? 't' : 'f').append('\t').append(now).append('\n');
        counts[1]++;
    }

    private void sign(StringBuilder out, Person person) {
        UUID user = person.id();
        out.append(user).append("\tTEST_SECURITY_AGREEMENT\t").append(year).append('\n');
        out.append(user).append("\tTEST_SECURITY_AFFIDAVIT\t").append(year).append('\n');
    }

    private static void row(StringBuilder out, long id, String code, String type, String name, String parent) {
        out.append(id).append('\t').append(code).append('\t').append(type).append('\t').append(name).append('\t')
                .append(parent).append('\n');
    }
}
