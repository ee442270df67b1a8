package org.tomsprov.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.domain.EffectivePermissions;
import org.tomsprov.domain.Grant;
import org.tomsprov.domain.OrgPath;
import org.tomsprov.domain.OrgStatus;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.Organization;
import org.tomsprov.domain.PermissionResolver;
import org.tomsprov.domain.Role;
import org.tomsprov.domain.UserStatus;

/** {@link PermissionResolver} for a user with 1, 10 and 100 assignments across LEAs and schools. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PermissionResolverBenchmark {

    static final AdministrationYear YEAR = AdministrationYear.parse("2026-27");

    @Param({"1", "10", "100"})
    public int assignments;

    PermissionResolver resolver;
    List<Grant> grants;

    @Setup
    public void setUp() {
        resolver = new PermissionResolver("1000", "CA");
        Organization state = new Organization("CA", "CALIFORNIA", OrgType.STATE, null, OrgStatus.ACTIVE);
        Role[] schoolRoles = Role.atLevel(OrgType.SCHOOL).toArray(Role[]::new);
        grants = new ArrayList<>();
        for (int i = 0; i < assignments; i++) {
            String prefix = String.format("%02d%05d", 1 + i % 58, 10_000 + i / 5);
            Organization lea = new Organization(prefix + "0000000", "District " + prefix, OrgType.LEA, "CA", OrgStatus.ACTIVE);
            if (i % 10 == 9) {
                grants.add(new Grant(Role.EDUCATOR_DISTRICT, OrgPath.ofLea(state, lea), YEAR));
            } else {
                Organization school = new Organization(prefix + String.format("%07d", 1_000_000 + i), "School " + i,
                        OrgType.SCHOOL, lea.code(), OrgStatus.ACTIVE);
                grants.add(new Grant(schoolRoles[i % schoolRoles.length], OrgPath.ofSchool(state, lea, school), YEAR));
            }
        }
    }

    @Benchmark
    public EffectivePermissions resolve() {
        return resolver.resolve(UserStatus.ACTIVE, YEAR, grants);
    }
}
