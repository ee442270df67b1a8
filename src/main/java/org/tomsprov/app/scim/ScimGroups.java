package org.tomsprov.app.scim;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.grants.GrantChecks;
import org.tomsprov.app.identity.CallerContext;
import org.tomsprov.app.users.Commands;
import org.tomsprov.app.users.Precondition;
import org.tomsprov.app.users.UserAccess;
import org.tomsprov.app.users.UserRoles;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.domain.Role;
import org.tomsprov.domain.Violation;
import org.tomsprov.persistence.OrganizationEntity;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.persistence.ScimGroupStore;
import org.tomsprov.persistence.ScimLinks;

/**
 * SCIM Groups as TOMS roles: each group is one role at one organization of the client's LEA, named
 * {@code ROLE_ID@CDSCODE} (its id and its displayName), whose members are the people holding that role there this
 * administration year. This is how a district maps its directory groups ("Lincoln High - Teachers") to TOMS roles:
 * adding a member grants the role, removing one revokes it, through the same authorizer, grant checks, audit,
 * documents and feed as every other door. The client sees and makes only groups of roles it may grant.
 */
@ApplicationScoped
public class ScimGroups {

    /** A member: the person's id and email. */
    public record Member(UUID id, String userName) {
    }

    /** A group: its id ({@code ROLE_ID@CDSCODE}), role, organization and members. */
    public record ScimGroup(String id, Role role, String orgCode, String orgName, List<Member> members) {
    }

    /** A page of groups and how many the whole listing holds. */
    public record Listed(long total, List<ScimGroup> groups) {
    }

    private final CallerContext caller;
    private final HierarchyScopeAuthorizer authorizer;
    private final UserAccess access;
    private final UserRoles roles;
    private final AdministrationYears years;
    private final ScimGroupStore store;
    private final ScimLinks links;
    private final OrganizationRepository organizations;

    ScimGroups(CallerContext caller, HierarchyScopeAuthorizer authorizer, UserAccess access, UserRoles roles,
            AdministrationYears years, ScimGroupStore store, ScimLinks links, OrganizationRepository organizations) {
        this.caller = caller;
        this.authorizer = authorizer;
        this.access = access;
        this.roles = roles;
        this.years = years;
        this.store = store;
        this.links = links;
        this.organizations = organizations;
    }

    /**
     * The LEA's groups, or the one named {@code displayName} when given, from {@code offset}, at most {@code count};
     * with their members only when the answer carries them (an identity provider matching groups by name skips
     * them, and a district's groups may hold thousands).
     */
    @Transactional
    public Listed list(String displayName, int offset, int count, boolean members) {
        Here here = here();
        List<ScimGroupStore.Group> all = visible(here).stream()
                .filter(g -> displayName == null || idOf(g).equalsIgnoreCase(displayName.trim())).toList();
        List<ScimGroupStore.Group> page = all.stream().skip(offset).limit(count).toList();
        return new Listed(all.size(), members ? withMembers(here, page) : withoutMembers(page));
    }

    @Transactional
    public ScimGroup get(String id, boolean members) {
        Here here = here();
        List<ScimGroupStore.Group> group = List.of(group(here, id));
        return (members ? withMembers(here, group) : withoutMembers(group)).get(0);
    }

    /**
     * Creates the group of a role the client may grant at an organization of its LEA (403 or 400 otherwise), with
     * these members; a group that exists is answered as it is, with these members added. Returns the group and
     * whether it was created.
     */
    @Transactional
    public Created create(String displayName, Collection<UUID> members) {
        Here here = here();
        Commands.GrantRole asked = parse(displayName, "displayName");
        GrantChecks.Checked place = access.checkGrant(asked, "displayName.", here.current());
        boolean created = store.remember(here.lea().id, place.role(), place.place().id());
        ScimGroupStore.Group found = group(here, place.role().id() + "@" + place.place().code());
        Set<UUID> wanted = new LinkedHashSet<>(memberIds(here, found));
        wanted.addAll(members);
        return new Created(apply(here, found, wanted), created);
    }

    /** A created group, and whether this request created it. */
    public record Created(ScimGroup group, boolean created) {
    }

    /** Makes the group's members what {@code change} makes of them: added ones granted the role, removed ones revoked. */
    @Transactional
    public ScimGroup change(String id, UnaryOperator<Set<UUID>> change) {
        Here here = here();
        ScimGroupStore.Group found = group(here, id);
        return apply(here, found, change.apply(new LinkedHashSet<>(memberIds(here, found))));
    }

    /** Deletes the group: every member's role is revoked, and the group is forgotten. */
    @Transactional
    public void delete(String id) {
        Here here = here();
        ScimGroupStore.Group found = group(here, id);
        apply(here, found, Set.of());
        store.forget(here.lea().id, found.role(), found.orgId());
    }

    /** The client's LEA and the current year, read once per operation. */
    private record Here(OrganizationEntity lea, AdministrationYear current) {

        String year() {
            return current.toString();
        }
    }

    private Here here() {
        ProblemException.check(authorizer.provision(caller.asProvisioner()));
        return new Here(access.linkedLeaOrganization().orElseThrow(UserAccess::userNotFound), years.current());
    }

    /** Grants and revokes the group's role until its members are {@code wanted}; the client now keeps the group. */
    private ScimGroup apply(Here here, ScimGroupStore.Group group, Set<UUID> wanted) {
        store.remember(here.lea().id, group.role(), group.orgId());
        List<ScimGroupStore.Member> held = members(here, group);
        Set<UUID> holders = new LinkedHashSet<>(held.stream().map(ScimGroupStore.Member::userId).toList());
        List<Violation> strangers = new ArrayList<>();
        for (UUID id : wanted) {
            if (!holders.contains(id) && !yours(here, id)) {
                strangers.add(new Violation("members", "USER_NOT_FOUND", id + " is no user of your LEA"));
            }
        }
        if (!strangers.isEmpty()) {
            throw ProblemException.validation(strangers);
        }
        for (UUID id : wanted) {
            if (!holders.contains(id)) {
                roles.grant(id, Precondition.NONE, new Commands.GrantRole(group.role().id(), group.orgCode(), false, null));
            }
        }
        for (ScimGroupStore.Member member : held) {
            if (!wanted.contains(member.userId())) {
                roles.revoke(member.userId(), member.assignmentId(), Precondition.NONE);
            }
        }
        return withMembers(here, List.of(group)).get(0);
    }

    /** The client's people: those its identity provider provisioned, and those holding a role in its LEA. */
    private boolean yours(Here here, UUID id) {
        return links.linked(here.lea().id, id) || store.holdsAny(here.lea().id, here.year(), id);
    }

    /** The group this id names among those the client sees; 404 otherwise. */
    private ScimGroupStore.Group group(Here here, String id) {
        return visible(here).stream().filter(g -> idOf(g).equalsIgnoreCase(id == null ? "" : id.trim())).findFirst()
                .orElseThrow(() -> ProblemException.notFound("GROUP_NOT_FOUND", "no group " + id + " in your LEA"));
    }

    /** The LEA's groups whose role the client may grant at their organization. */
    private List<ScimGroupStore.Group> visible(Here here) {
        Map<Long, Set<Role>> grantable = new LinkedHashMap<>();
        return store.groups(here.lea().id, here.year()).stream()
                .filter(g -> grantable.computeIfAbsent(g.orgId(), org -> authorizer.grantableAt(caller.caller(),
                        OrganizationRepository.pathOf(organizations.findById(org)))).contains(g.role()))
                .toList();
    }

    /** Who holds the group's role at its organization this year. */
    private List<ScimGroupStore.Member> members(Here here, ScimGroupStore.Group group) {
        return store.members(here.lea().id, here.year(), List.of(group.orgId())).stream()
                .filter(m -> m.role() == group.role()).toList();
    }

    private List<UUID> memberIds(Here here, ScimGroupStore.Group group) {
        return members(here, group).stream().map(ScimGroupStore.Member::userId).distinct().toList();
    }

    private List<ScimGroup> withMembers(Here here, List<ScimGroupStore.Group> groups) {
        List<ScimGroupStore.Member> members = store.members(here.lea().id, here.year(),
                groups.stream().map(ScimGroupStore.Group::orgId).distinct().toList());
        List<ScimGroup> out = new ArrayList<>();
        for (ScimGroupStore.Group g : groups) {
            out.add(new ScimGroup(idOf(g), g.role(), g.orgCode(), g.orgName(), members.stream()
                    .filter(m -> m.role() == g.role() && m.orgId() == g.orgId())
                    .map(m -> new Member(m.userId(), m.email())).distinct().toList()));
        }
        return out;
    }

    private static List<ScimGroup> withoutMembers(List<ScimGroupStore.Group> groups) {
        return groups.stream().map(g -> new ScimGroup(idOf(g), g.role(), g.orgCode(), g.orgName(), List.of())).toList();
    }

    private static String idOf(ScimGroupStore.Group group) {
        return group.role().id() + "@" + group.orgCode();
    }

    /** {@code ROLE_ID@CDSCODE}, the role's display name accepted for its id; 400 otherwise. */
    private static Commands.GrantRole parse(String value, String field) {
        String text = value == null ? "" : value.trim();
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw ProblemException.validation(List.of(new Violation(field, "INVALID_ROLE_VALUE",
                    "a group is named ROLE_ID@CDSCODE, like EDUCATOR_ROSTER@19647331930452")));
        }
        return new Commands.GrantRole(text.substring(0, at), text.substring(at + 1), false, null);
    }
}
