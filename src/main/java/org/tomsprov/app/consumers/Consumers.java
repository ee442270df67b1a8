package org.tomsprov.app.consumers;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The consumers this service answers, each declared by its own pull class. The token rules, the service groups a
 * caller may hold, the demo tokens, the OpenAPI tags and the per-consumer documents all come from this list.
 */
public final class Consumers {

    public static final List<Consumer> ALL = List.of(CersPulls.CONSUMER, ToolsForTeachersPulls.CONSUMER);

    /** The operations every consumer's document carries: the role and permission catalogs. */
    public static final List<String> CATALOG_OPERATIONS = List.of("listRoles", "getRole", "listPermissions");

    private Consumers() {
    }

    /** The token groups of service clients. */
    public static Set<String> groups() {
        return ALL.stream().map(Consumer::group).collect(Collectors.toUnmodifiableSet());
    }
}
