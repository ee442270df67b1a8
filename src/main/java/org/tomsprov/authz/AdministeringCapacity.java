package org.tomsprov.authz;

import static org.tomsprov.domain.Role.*;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.Role;

/**
 * The grant matrix of TOMS (DOMAIN.md section 4) as data: each administering capacity and the roles it may grant.
 * A capacity reaches the organization where its role is held and everything below it: the state everywhere, an
 * LEA role its LEA and that LEA's schools, a site coordinator their own school. A held role maps to at most one
 * capacity.
 */
public enum AdministeringCapacity {
    /** The state's administrators grant every role anywhere. */
    STATE_ADMIN(EnumSet.allOf(Role.class)),
    /** The superintendent designates the LEA coordinators and grants all an LEA coordinator may. */
    SUPERINTENDENT_OF_LEA(Sets.LEA_COORDINATORS_AND_BELOW),
    /** The primary LEA coordinator of a program may also assign the LEA coordinator roles. */
    PRIMARY_LEA_COORDINATOR(Sets.LEA_COORDINATORS_AND_BELOW),
    /** An LEA coordinator adds district educators, LST correspondence administrators and every school role. */
    LEA_COORDINATOR(Sets.BELOW_LEA_COORDINATORS),
    /** A site coordinator adds the roles below site coordinator at their own school. */
    SITE_COORDINATOR(Sets.BELOW_SITE_COORDINATORS);

    private static final class Sets {
        static final Set<Role> BELOW_SITE_COORDINATORS = EnumSet.copyOf(Role.atLevel(OrgType.SCHOOL));
        static final Set<Role> BELOW_LEA_COORDINATORS = EnumSet.of(EDUCATOR_DISTRICT, LST_CORRESPONDENCE_ADMINISTRATOR);
        static final Set<Role> LEA_COORDINATORS_AND_BELOW = EnumSet.copyOf(Role.administering(Role.Administers.LEA_COORDINATOR));

        static {
            BELOW_SITE_COORDINATORS.removeAll(Role.administering(Role.Administers.SITE_COORDINATOR));
            BELOW_LEA_COORDINATORS.addAll(Role.atLevel(OrgType.SCHOOL));
            LEA_COORDINATORS_AND_BELOW.addAll(BELOW_LEA_COORDINATORS);
        }
    }

    private final Set<Role> grantable;

    AdministeringCapacity(Set<Role> grantable) {
        this.grantable = grantable;
    }

    public Set<Role> grantable() {
        return grantable;
    }

    /** The capacity a held role confers, if any. */
    public static Optional<AdministeringCapacity> of(Actor.Held held) {
        return Optional.ofNullable(switch (held.role().administers()) {
            case STATE -> STATE_ADMIN;
            case SUPERINTENDENT -> SUPERINTENDENT_OF_LEA;
            case LEA_COORDINATOR -> held.primary() ? PRIMARY_LEA_COORDINATOR : LEA_COORDINATOR;
            case SITE_COORDINATOR -> SITE_COORDINATOR;
            case NONE -> null;
        });
    }
}
