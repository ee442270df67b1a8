package org.tomsprov.testdata;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.tomsprov.domain.Email;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.Role;
import org.tomsprov.persistence.OrganizationEntity;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.persistence.RoleAssignmentEntity;
import org.tomsprov.persistence.UserEntity;
import org.tomsprov.persistence.UserRepository;

/**
 * Test data builders that write straight to the database: LEAs with schools under unique CDS codes, and people
 * holding roles, with or without signed security forms. Every call makes fresh organizations and emails, so
 * tests sharing one database never see each other's data.
 */
@ApplicationScoped
public class World {

    private static final AtomicInteger DISTRICT = new AtomicInteger(10000 + (int) (Math.random() * 80000));
    private static final AtomicInteger PERSON = new AtomicInteger();
    public static final String YEAR = "2026-27";

    /** An LEA and its schools. */
    public record Lea(String code, String name, List<String> schools) {
        public String school(int i) {
            return schools.get(i);
        }
    }

    private final OrganizationRepository organizations;
    private final UserRepository users;
    private final EntityManager em;

    World(OrganizationRepository organizations, UserRepository users, EntityManager em) {
        this.organizations = organizations;
        this.users = users;
        this.em = em;
    }

    @Transactional
    public OrganizationEntity state() {
        return organizations.findByCodeAndType("CA", OrgType.STATE).orElseGet(() -> {
            OrganizationEntity state = new OrganizationEntity();
            state.code = "CA";
            state.name = "CALIFORNIA";
            state.type = OrgType.STATE;
            organizations.persist(state);
            return state;
        });
    }

    /** Seven digits (county and district) that no organization of this run uses. */
    public static String freshPrefix() {
        int n = DISTRICT.getAndIncrement();
        return String.format("%02d%05d", 1 + n % 58, n);
    }

    /** A new LEA (a district, school part zero) with {@code schools} schools. */
    @Transactional
    public Lea lea(int schools) {
        return lea(freshPrefix(), schools);
    }

    /**
     * A new LEA in one of the counties 01 to 09, whose codes begin with a zero that a spreadsheet keeping them as
     * numbers drops.
     */
    @Transactional
    public Lea leaWithLeadingZero(int schools) {
        int n = DISTRICT.getAndIncrement();
        return lea(String.format("%02d%05d", 1 + n % 9, n), schools);
    }

    private Lea lea(String prefix, int schools) {
        OrganizationEntity state = state();
        OrganizationEntity lea = org(prefix + "0000000", "District " + prefix, OrgType.LEA, state);
        List<String> codes = new java.util.ArrayList<>();
        for (int i = 1; i <= schools; i++) {
            String code = prefix + String.format("%07d", 100000 + i);
            org(code, "School " + i + " of " + prefix, OrgType.SCHOOL, lea);
            codes.add(code);
        }
        return new Lea(lea.code, lea.name, codes);
    }

    /** An LEA with the given code and name, and schools by code and name (a charter's school may share its code). */
    @Transactional
    public Lea lea(String code, String name, java.util.Map<String, String> schools) {
        OrganizationEntity lea = org(code, name, OrgType.LEA, state());
        schools.forEach((schoolCode, schoolName) -> org(schoolCode, schoolName, OrgType.SCHOOL, lea));
        return new Lea(code, name, List.copyOf(schools.keySet()));
    }

    @Transactional
    public void deactivate(String email) {
        users.findByEmail(Email.of(email)).orElseThrow().status = org.tomsprov.domain.UserStatus.INACTIVE;
    }

    @Transactional
    public void close(String code, OrgType type) {
        organizations.findByCodeAndType(code, type).orElseThrow().status = org.tomsprov.domain.OrgStatus.CLOSED;
    }

    /** A fresh email address. */
    public static String email(String who) {
        return who + "." + PERSON.incrementAndGet() + "." + UUID.randomUUID().toString().substring(0, 6) + "@test.example";
    }

    /** A person holding one role at an organization, with both security forms signed. */
    @Transactional
    public String admin(Role role, String orgCode) {
        return admin(role, orgCode, false);
    }

    @Transactional
    public String admin(Role role, String orgCode, boolean primary) {
        String email = email(role.name().toLowerCase());
        UUID id = person(email, role, orgCode, primary);
        sign(id);
        return email;
    }

    /** As {@link #admin(Role, String)}, under this email. */
    @Transactional
    public String admin(Role role, String orgCode, String email) {
        sign(person(email, role, orgCode, false));
        return email;
    }

    /** A person holding one role, forms unsigned; returns the id. */
    @Transactional
    public UUID person(String email, Role role, String orgCode, boolean primary) {
        return person(email, role, orgCode, primary, YEAR);
    }

    /** A person holding one role for the given administration year, forms unsigned; returns the id. */
    @Transactional
    public UUID person(String email, Role role, String orgCode, boolean primary, String year) {
        UserEntity user = users.findByEmail(Email.of(email)).orElseGet(() -> {
            UserEntity u = new UserEntity();
            u.id = UUID.randomUUID();
            u.email = email;
            u.firstName = "Test";
            u.lastName = "Person";
            u.createdAt = OffsetDateTime.now();
            u.updatedAt = u.createdAt;
            users.persist(u);
            return u;
        });
        OrganizationEntity org = organizations.findByCodeAndType(orgCode, role.level()).orElseThrow();
        RoleAssignmentEntity a = new RoleAssignmentEntity();
        a.id = UUID.randomUUID();
        a.user = user;
        a.emailKey = Email.keyOf(user.email);
        a.role = role;
        a.org = org;
        a.leaId = OrganizationRepository.leaIdOf(org);
        a.administrationYear = year;
        a.primary = primary;
        a.createdAt = OffsetDateTime.now();
        em.persist(a);
        return user.id;
    }

    @Transactional
    public void sign(UUID userId) {
        sign(userId, YEAR);
    }

    /** Both security forms signed for the given year. */
    @Transactional
    public void sign(UUID userId, String year) {
        for (String type : List.of("TEST_SECURITY_AGREEMENT", "TEST_SECURITY_AFFIDAVIT")) {
            em.createNativeQuery("insert into security_agreement (user_id, type, administration_year) values (?1, ?2, ?3) "
                    + "on conflict do nothing").setParameter(1, userId).setParameter(2, type).setParameter(3, year)
                    .executeUpdate();
        }
    }

    /** The permission-change feed's last sequence, as committed now (0 for an empty feed). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long lastFeedSequence() {
        return ((Number) em.createNativeQuery("select coalesce(max(sequence), 0) from permission_change")
                .getSingleResult()).longValue();
    }

    /**
     * A feed entry for this user as migration V14 left the entries it found (transaction 0, ahead of every later
     * one); returns its sequence.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long entryFromBeforeTransactions(UUID userId, String email) {
        return ((Number) em.createNativeQuery("insert into permission_change (user_id, email, changed_at, tx) "
                + "values (?1, ?2, now(), '0') returning sequence").setParameter(1, userId).setParameter(2, email)
                .getSingleResult()).longValue();
    }

    @Transactional
    public UUID idOf(String email) {
        return users.findByEmail(Email.of(email)).orElseThrow().id;
    }

    private OrganizationEntity org(String code, String name, OrgType type, OrganizationEntity parent) {
        OrganizationEntity org = new OrganizationEntity();
        org.code = code;
        org.name = name;
        org.type = type;
        org.parent = parent;
        organizations.persist(org);
        return org;
    }
}
