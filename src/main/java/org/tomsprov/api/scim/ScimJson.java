package org.tomsprov.api.scim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.scim.ScimGroups;
import org.tomsprov.app.scim.ScimUsers.Desired;
import org.tomsprov.app.scim.ScimUsers;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.PersonRules;
import org.tomsprov.domain.Violation;

/**
 * SCIM 2.0 (RFC 7643, RFC 7644) as TOMS speaks it: the User resource, list responses, errors, and the reading of
 * request bodies and PatchOp operations into what a user should be. Attributes TOMS does not keep (displayName,
 * title, phones other than the work phone, the enterprise extension...) are accepted and ignored, as identity
 * providers send them.
 */
public final class ScimJson {

    public static final String MEDIA_TYPE = "application/scim+json";
    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String TOMS_GROUP_SCHEMA = "urn:tomsprov:params:scim:schemas:extension:2.0:Group";
    static final String GROUP_NAME = "ROLE_ID@CDSCODE: the TOMS role (its id, or its display name when sent) and the"
            + " CDS code of the LEA or the school where its members hold it";
    static final String EXTERNAL_ID = "The client's own id for the person, unique in its LEA (filter externalId eq);"
            + " left out, it stays as it is";

    private ScimJson() {
    }

    /** A SCIM User. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScimUser")
    public record User(@Schema(required = true) List<String> schemas, @Schema(required = true) String id,
            @Schema(description = "The client's own id for the person, as it last gave it") String externalId,
            @Schema(description = "The person's email, their TOMS username (left out only when attributes or"
                    + " excludedAttributes leave it out)", example = "pat.lee@example.org") String userName,
            Name name, String displayName, List<Multi> emails, List<Multi> phoneNumbers, Boolean active,
            @Schema(description = "One entry per TOMS role held in the client's LEA this administration year")
            List<RoleValue> roles, Meta meta) {

        static User of(ScimUsers.ScimUser u, URI base) {
            return new User(List.of(USER_SCHEMA), u.id().toString(), u.externalId(), u.userName(),
                    new Name(u.givenName(), u.familyName(), u.givenName() + " " + u.familyName()),
                    u.givenName() + " " + u.familyName(),
                    List.of(new Multi(u.userName(), "work", true)),
                    u.phone() == null ? null : List.of(new Multi(u.phone(), "work", true)), u.active(),
                    u.roles().stream().map(r -> new RoleValue(r.value(), r.display(), "TOMS")).toList(),
                    new Meta("User", u.created(), u.lastModified(), location(base, u.id()).toString(),
                            etag(u.version())));
        }
    }

    /**
     * A User as a create sends it: a ScimUser that names the person and holds at least one role in the client's
     * LEA, since TOMS registers people by their names and roles.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScimNewUser")
    public record NewUser(List<String> schemas, @Schema(description = EXTERNAL_ID) String externalId,
            @NotBlank @Schema(example = "pat.lee@example.org") String userName,
            @NotNull NewName name, String displayName, List<Multi> emails, List<Multi> phoneNumbers, Boolean active,
            @Schema(description = "The TOMS roles to grant in the client's LEA this administration year; without"
                    + " any, the person is provisioned into the LEA to be given roles later (a group's members, a"
                    + " patch)") List<RoleValue> roles) {
    }

    /**
     * A User as a replace sends it: whole, except that roles left out are left as they are (RFC 7644 section 3.5.1
     * lets a client leave out what it does not manage); {@code "roles": []} revokes them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScimUserReplacement")
    public record Replacement(List<String> schemas, @Schema(description = EXTERNAL_ID) String externalId,
            @NotBlank @Schema(example = "pat.lee@example.org") String userName,
            Name name, String displayName, List<Multi> emails, List<Multi> phoneNumbers, Boolean active,
            @Schema(description = "The TOMS roles the user holds in the client's LEA this administration year;"
                    + " left out, they stay as they are") List<RoleValue> roles) {
    }

    /** The person's name, as a create must give it. */
    @Schema(name = "ScimNewName")
    public record NewName(@NotBlank @Size(max = PersonRules.MAX_NAME) String givenName,
            @NotBlank @Size(max = PersonRules.MAX_NAME) String familyName, String formatted) {
    }

    /** The person's name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScimName")
    public record Name(@Size(max = PersonRules.MAX_NAME) String givenName,
            @Size(max = PersonRules.MAX_NAME) String familyName, String formatted) {
    }

    /** A multi-valued attribute's entry (emails, phoneNumbers). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScimMultiValued")
    public record Multi(String value, String type, Boolean primary) {
    }

    /** A TOMS role: {@code ROLE_ID@CDSCODE}, and "role name at organization name". */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScimRole")
    public record RoleValue(@NotBlank @Schema(example = "EDUCATOR_ROSTER@19647331930452") String value,
            @Schema(example = "Educator - Roster at Lincoln Elementary") String display, String type) {
    }

    /** Resource metadata; {@code version} is the weak ETag that {@code If-Match} names. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScimMeta")
    public record Meta(String resourceType, OffsetDateTime created, OffsetDateTime lastModified, String location,
            @Schema(example = "W/\"3\"") String version) {
    }

    /** A page of users, each as {@code attributes} and {@code excludedAttributes} asked. */
    @Schema(name = "ScimUserList")
    public record ListResponse(List<String> schemas, long totalResults, int startIndex, int itemsPerPage,
            @Schema(implementation = User[].class) @JsonProperty("Resources") List<JsonNode> resources) {
    }

    /** A SCIM Group: one TOMS role at one organization of the client's LEA, and who holds it there. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScimGroup")
    public record Group(@Schema(required = true) List<String> schemas, @Schema(required = true) String id,
            @Schema(description = GROUP_NAME, example = "EDUCATOR_ROSTER@19647331930452") String displayName,
            @Schema(description = "The people holding the role there this administration year") List<GroupMember> members,
            @JsonProperty(TOMS_GROUP_SCHEMA) @Schema(description = "The role and organization in words") GroupRole role,
            Meta meta) {

        static Group of(ScimGroups.ScimGroup g, URI base) {
            return new Group(List.of(GROUP_SCHEMA, TOMS_GROUP_SCHEMA), g.id(), g.id(),
                    g.members().stream().map(m -> new GroupMember(m.id().toString(), m.userName(),
                            location(base, m.id()).toString())).toList(),
                    new GroupRole(g.role().id(), g.orgCode(), g.role().displayName() + " at " + g.orgName()),
                    new Meta("Group", null, null, base.resolve("scim/v2/Groups/" + g.id()).toString(), null));
        }
    }

    /** A group's member: the user's id, email and location. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScimGroupMember")
    public record GroupMember(@NotBlank @Schema(description = "The user's id") String value,
            @Schema(description = "The user's email") String display,
            @JsonProperty("$ref") @Schema(description = "The user's location") String ref) {
    }

    /** What a group means in TOMS. */
    @Schema(name = "ScimGroupRole")
    public record GroupRole(@Schema(example = "EDUCATOR_ROSTER") String roleId,
            @Schema(example = "19647331930452") String orgCode,
            @Schema(example = "Educator - Roster at Acceptance Elementary") String description) {
    }

    /** A group as a create sends it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScimNewGroup")
    public record NewGroup(List<String> schemas,
            @NotBlank @Schema(description = GROUP_NAME, example = "EDUCATOR_ROSTER@19647331930452") String displayName,
            @Schema(description = "People of the client's LEA to grant the role to") List<GroupMember> members) {
    }

    /** A page of groups, each as {@code attributes} and {@code excludedAttributes} asked. */
    @Schema(name = "ScimGroupList")
    public record GroupList(List<String> schemas, long totalResults, int startIndex, int itemsPerPage,
            @Schema(implementation = Group[].class) @JsonProperty("Resources") List<JsonNode> resources) {
    }

    /** The members a group body names, as user ids; one that is not an id is no user of the LEA (400). */
    static Set<UUID> memberIds(JsonNode value, String field) {
        Set<UUID> ids = new LinkedHashSet<>();
        List<JsonNode> values = entryValues(value, GroupMember.class, field);
        for (int i = 0; i < values.size(); i++) {
            String text = values.get(i) == null ? "" : values.get(i).asText().trim();
            try {
                ids.add(UUID.fromString(text));
            } catch (IllegalArgumentException e) {
                throw invalid(field + "[" + i + "].value", "USER_NOT_FOUND", text + " is no user of your LEA");
            }
        }
        return ids;
    }

    /**
     * The change a PatchOp body asks of a group's members (RFC 7644 section 3.5.2, as Entra ID and Okta send it):
     * {@code add} or {@code remove} of {@code members} with a list of {@code {"value": id}}, {@code remove} of
     * {@code members[value eq "id"]} (400 noTarget when that person is not a member), {@code replace} of
     * {@code members}, and the same without a path over an object of attributes. The displayName names the role,
     * so it cannot change (400 mutability) other than to itself.
     */
    static UnaryOperator<Set<UUID>> groupPatch(JsonNode body, String groupId) {
        conform(body, PatchOp.class, "");
        JsonNode operations = caseless(body, "Operations");
        if (operations == null || !operations.isArray()) {
            throw invalid("Operations", "INVALID_SYNTAX", "a PatchOp body carries Operations, a non-empty array");
        }
        return members -> {
            Set<UUID> now = new LinkedHashSet<>(members);
            for (int i = 0; i < operations.size(); i++) {
                JsonNode op = operations.get(i);
                String field = "Operations[" + i + "]";
                String kind = text(caseless(op, "op"), field + ".op").toLowerCase(Locale.ROOT);
                JsonNode pathNode = caseless(op, "path");
                JsonNode value = caseless(op, "value");
                String path = pathNode == null || pathNode.isNull() ? "" : pathNode.asText().trim();
                if (path.isEmpty() && value instanceof ObjectNode attributes && !kind.equals("remove")) {
                    attributes.fields().forEachRemaining(f -> groupAttribute(now, kind, f.getKey(), f.getValue(),
                            groupId, field + ".value"));
                } else if (path.isEmpty()) {
                    throw invalid(field + ".path", "NO_TARGET", kind + " needs a path, or a value that is an object");
                } else {
                    groupAttribute(now, kind, path, value, groupId, field + ".path");
                }
            }
            return now;
        };
    }

    /** A group's displayName names its role and organization: it may be sent again, never changed (400 mutability). */
    static void sameGroup(JsonNode displayName, String groupId, String field) {
        if (displayName == null || !displayName.isTextual() || !displayName.asText().trim().equalsIgnoreCase(groupId)) {
            throw invalid(field, "MUTABILITY", "a group's displayName names its role and organization (" + groupId
                    + "); map another directory group to another TOMS group instead");
        }
    }

    private static final Pattern MEMBER_FILTER = Pattern.compile("(?i)members\\[\\s*value\\s+eq\\s+\"([^\"]*)\"\\s*]");

    private static void groupAttribute(Set<UUID> members, String kind, String path, JsonNode value, String groupId,
            String field) {
        Matcher one = MEMBER_FILTER.matcher(path);
        if (one.matches() && kind.equals("remove")) {
            if (!members.removeIf(id -> id.toString().equalsIgnoreCase(one.group(1).trim()))) {
                throw invalid(field, "NO_TARGET", one.group(1) + " is not a member of " + groupId);
            }
            return;
        }
        switch (path.toLowerCase(Locale.ROOT)) {
            case "members" -> {
                Set<UUID> ids = memberIds(value, "members");
                switch (kind) {
                    case "add" -> members.addAll(ids);
                    case "replace" -> {
                        members.clear();
                        members.addAll(ids);
                    }
                    case "remove" -> {
                        if (value == null || value.isNull()) {
                            members.clear();
                        } else {
                            members.removeAll(ids);
                        }
                    }
                    default -> throw invalid(field, "INVALID_SYNTAX", "op is add, replace or remove");
                }
            }
            case "displayname" -> sameGroup(value, groupId, field);
            case "id", "externalid", "schemas", "meta" -> {
            }
            default -> throw invalid(field, "INVALID_PATH", "a group's members (and displayName) are what may change");
        }
    }

    /** A SCIM error (RFC 7644 section 3.12). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(List<String> schemas, String status, String scimType, String detail) {
    }

    /** A PatchOp request. */
    @Schema(name = "ScimPatchOp")
    public record PatchOp(List<String> schemas, @NotEmpty @JsonProperty("Operations") List<Operation> operations) {
    }

    /** One operation: add, replace or remove, at a path or (add, replace) over the attributes in its value. */
    @Schema(name = "ScimPatchOperation")
    public record Operation(
            @NotBlank @Schema(enumeration = {"add", "replace", "remove"}, example = "replace",
                    description = "Read without regard to case, as identity providers send it (Replace, replace)")
            String op,
            @Schema(example = "active") String path,
            @Schema(description = "Any JSON value") Object value) {
    }

    /**
     * Where a user lives, absolute (RFC 7643 section 3.1): under the base URI the request reached, which behind a
     * proxy is the public one when Quarkus is told to trust its forwarded headers.
     */
    static URI location(URI base, UUID id) {
        return base.resolve("scim/v2/Users/" + id);
    }

    static String etag(long version) {
        return "W/\"" + version + "\"";
    }

    /**
     * A User body as what the user should be, once it conforms to its schema record ({@link NewUser} for a create,
     * {@link Replacement} for a replace); a missing {@code active} means active.
     */
    static Desired desired(JsonNode body, Class<? extends Record> schema) {
        if (!(body instanceof ObjectNode user)) {
            throw invalid("body", "INVALID_SYNTAX", "the body is a SCIM User object");
        }
        conform(user, schema, "");
        Builder b = new Builder();
        b.active = true;
        user.fields().forEachRemaining(f -> b.set(f.getKey(), f.getValue(), "replace", f.getKey()));
        return b.build();
    }

    /** The change a PatchOp body asks for, applied to the user as they are. */
    static UnaryOperator<Desired> patch(JsonNode body) {
        conform(body, PatchOp.class, "");
        JsonNode operations = caseless(body, "Operations");
        if (operations == null || !operations.isArray()) {
            throw invalid("Operations", "INVALID_SYNTAX", "a PatchOp body carries Operations, a non-empty array");
        }
        List<JsonNode> ops = new ArrayList<>();
        operations.forEach(ops::add);
        return now -> {
            Builder b = Builder.from(now);
            for (int i = 0; i < ops.size(); i++) {
                b.operation(ops.get(i), "Operations[" + i + "]");
            }
            return b.build();
        };
    }

    /** A user under construction, from a body or from a patch applied to the user as they are. */
    private static final class Builder {
        String userName;
        String givenName;
        String familyName;
        String phone;
        boolean active;
        /** Null while a body has not asserted roles: a replace that omits them leaves the LEA's roles as they are. */
        List<String> roles;
        /** Null while the request has not said the client's id for the person; empty when it removes it. */
        Optional<String> externalId;

        static Builder from(Desired d) {
            Builder b = new Builder();
            b.userName = d.userName().value();
            b.givenName = d.givenName();
            b.familyName = d.familyName();
            b.phone = d.phone();
            b.active = d.active();
            b.roles = new ArrayList<>(d.roles());
            b.externalId = d.externalId();
            return b;
        }

        Desired build() {
            return new Desired(Email.ofNullable(userName), givenName, familyName, phone, active, roles, externalId);
        }

        void operation(JsonNode op, String field) {
            String kind = text(caseless(op, "op"), field + ".op").toLowerCase(Locale.ROOT);
            if (!List.of("add", "replace", "remove").contains(kind)) {
                throw invalid(field + ".op", "INVALID_SYNTAX", "op is add, replace or remove");
            }
            JsonNode pathNode = caseless(op, "path");
            JsonNode value = caseless(op, "value");
            if (pathNode == null || pathNode.isNull() || pathNode.asText().isBlank()) {
                if (kind.equals("remove")) {
                    throw invalid(field + ".path", "NO_TARGET", "remove needs a path");
                }
                if (!(value instanceof ObjectNode attributes)) {
                    throw invalid(field + ".value", "INVALID_VALUE", "without a path, value is an object of attributes");
                }
                attributes.fields().forEachRemaining(f -> set(f.getKey(), f.getValue(), kind, field + ".value"));
                return;
            }
            String path = pathNode.asText().trim();
            if (kind.equals("remove")) {
                remove(path, value, field + ".path");
            } else {
                set(path, value, kind, field + ".path");
            }
        }

        private static final Pattern ROLE_FILTER = Pattern.compile("(?i)roles\\[\\s*value\\s+eq\\s+\"([^\"]*)\"\\s*]");
        private static final Pattern PHONE_FILTER = Pattern.compile(
                "(?i)phoneNumbers\\[\\s*(type|value)\\s+eq\\s+\"([^\"]*)\"\\s*](\\.value)?");
        private static final Pattern EMAIL_FILTER = Pattern.compile("(?i)emails\\[[^]]*](\\.\\w+)?");

        void set(String rawPath, JsonNode value, String kind, String field) {
            String path = stripSchema(rawPath);
            String key = path.toLowerCase(Locale.ROOT);
            switch (key) {
                case "username" -> userName = text(value, "userName");
                case "externalid" -> externalId = value == null || value.isNull() || value.asText().isBlank()
                        ? Optional.empty() : Optional.of(text(value, "externalId").trim());
                case "active" -> active = bool(value);
                case "name" -> {
                    if (value instanceof ObjectNode name) {
                        name.fields().forEachRemaining(f -> set("name." + f.getKey(), f.getValue(), kind, field));
                    }
                }
                case "name.givenname" -> givenName = text(value, "name.givenName");
                case "name.familyname" -> familyName = text(value, "name.familyName");
                case "phonenumbers" -> {
                    String work = workPhone(value);
                    if (work != null || kind.equals("replace")) {
                        phone = work;
                    }
                }
                case "roles" -> {
                    List<String> values = roleValues(value);
                    if (kind.equals("replace") || roles == null) {
                        roles = new ArrayList<>(values);
                    } else {
                        values.stream().filter(v -> !roles.contains(v)).forEach(roles::add);
                    }
                }
                default -> {
                    Matcher filter = PHONE_FILTER.matcher(path);
                    if (filter.matches() && workPhoneSelected(filter, kind.equals("add"), field)) {
                        phone = value != null && value.isObject() ? workPhone(value) : text(value, "phoneNumbers.value");
                    }
                    Matcher role = ROLE_FILTER.matcher(path);
                    if (role.matches()) {
                        int at = heldRole(role.group(1), field);
                        roles.remove(at);
                        roleValues(value).stream().filter(v -> !roles.contains(v)).forEach(roles::add);
                    }
                }
            }
        }

        void remove(String rawPath, JsonNode value, String field) {
            String path = stripSchema(rawPath);
            Matcher role = ROLE_FILTER.matcher(path);
            if (role.matches()) {
                roles.remove(heldRole(role.group(1), field));
                return;
            }
            switch (path.toLowerCase(Locale.ROOT)) {
                case "roles" -> {
                    if (value == null || value.isNull()) {
                        roles.clear();
                    } else {
                        roles.removeAll(roleValues(value));
                    }
                }
                case "phonenumbers" -> phone = null;
                case "externalid" -> externalId = Optional.empty();
                case "active" -> active = true;
                case "username", "name", "name.givenname", "name.familyname" ->
                        throw invalid(field, "MUTABILITY", path + " is required and cannot be removed");
                default -> {
                    Matcher filter = PHONE_FILTER.matcher(path);
                    if (filter.matches() && workPhoneSelected(filter, false, field)) {
                        phone = null;
                    }
                }
            }
        }

        /**
         * Whether a phone filter selects the work phone, the one TOMS keeps: {@code type eq "work"} (which an
         * {@code add} may create), or {@code value eq} its number. Another type (mobile, home) selects a phone TOMS
         * does not keep: accepted and not kept, as other attributes are. A filter that selects no phone TOMS
         * keeps is a 400 noTarget (RFC 7644 section 3.5.2).
         */
        private boolean workPhoneSelected(Matcher filter, boolean adding, String field) {
            boolean byType = filter.group(1).equalsIgnoreCase("type");
            if (byType && !filter.group(2).equalsIgnoreCase("work")) {
                return false;
            }
            boolean matches = byType ? phone != null || adding
                    : phone != null && PersonRules.canonicalPhone(filter.group(2)).map(p -> p.equals(PersonRules.phone(phone)))
                            .orElse(false);
            if (!matches) {
                throw invalid(field, "NO_TARGET", "no phone number matches " + filter.group());
            }
            return true;
        }

        /** Where the role a filter names is among those held, or a 400 noTarget when it is not held. */
        private int heldRole(String wanted, String field) {
            for (int i = 0; i < roles.size(); i++) {
                if (roles.get(i).equalsIgnoreCase(wanted.trim())) {
                    return i;
                }
            }
            throw invalid(field, "NO_TARGET", "the user holds no role " + wanted + " in your LEA");
        }

        private static String stripSchema(String path) {
            return path.regionMatches(true, 0, USER_SCHEMA + ":", 0, USER_SCHEMA.length() + 1)
                    ? path.substring(USER_SCHEMA.length() + 1) : path;
        }
    }

    private static List<String> roleValues(JsonNode value) {
        List<String> values = new ArrayList<>();
        for (JsonNode v : entryValues(value, RoleValue.class, "roles")) {
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw invalid("roles", "INVALID_VALUE", "a role entry is {\"value\": \"ROLE_ID@CDSCODE\"}");
            }
            values.add(v.asText().trim());
        }
        return values;
    }

    /**
     * The {@code value} of each entry of a multi-valued attribute (an array of entries, or one entry), each entry
     * first conformed to its record {@code type}; an entry may be the bare value. Null entries' values are null.
     */
    private static List<JsonNode> entryValues(JsonNode value, Class<?> type, String field) {
        List<JsonNode> values = new ArrayList<>();
        if (value == null || value.isNull()) {
            return values;
        }
        for (JsonNode entry : value.isArray() ? value : List.of(value)) {
            conform(entry, type, field + "[" + values.size() + "].");
            values.add(entry.isObject() ? caseless(entry, "value") : entry);
        }
        return values;
    }

    /**
     * The work phone among phone entries: the one of type {@code work}, else one without a type; entries of
     * other types (mobile, home, fax) are not kept. Null when there is none.
     */
    private static String workPhone(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        String untyped = null;
        for (JsonNode entry : value.isArray() ? value : List.of(value)) {
            JsonNode v = entry.isObject() ? caseless(entry, "value") : entry;
            JsonNode type = entry.isObject() ? caseless(entry, "type") : null;
            String number = v == null || v.isNull() ? null : v.asText();
            if (type != null && type.asText().equalsIgnoreCase("work")) {
                return number;
            }
            if ((type == null || type.isNull()) && untyped == null) {
                untyped = number;
            }
        }
        return untyped;
    }

    /** An identity provider may send booleans as JSON booleans or as "True"/"False". */
    private static boolean bool(JsonNode value) {
        if (value != null && value.isBoolean()) {
            return value.asBoolean();
        }
        if (value != null && value.isTextual() && List.of("true", "false").contains(value.asText().toLowerCase(Locale.ROOT))) {
            return Boolean.parseBoolean(value.asText().toLowerCase(Locale.ROOT));
        }
        throw invalid("active", "INVALID_VALUE", "active is true or false");
    }

    private static String text(JsonNode value, String field) {
        if (value == null || !value.isTextual()) {
            throw invalid(field, "INVALID_VALUE", field + " is a string");
        }
        return value.asText();
    }

    /** A SCIM record's attribute: its JSON name, Java type, and whether it is declared required (and non-empty). */
    private record Attribute(String name, Type type, boolean required, boolean nonEmpty, int maxLength) {
    }

    /**
     * Per SCIM record, its attributes, read from the accessors (where a record component's Jackson and Bean
     * Validation annotations land): {@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty} declare one required,
     * {@code @Size(max)} its longest text.
     */
    private static final ClassValue<List<Attribute>> ATTRIBUTES = new ClassValue<>() {
        @Override
        protected List<Attribute> computeValue(Class<?> type) {
            List<Attribute> attributes = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                Method accessor = component.getAccessor();
                boolean nonEmpty = accessor.isAnnotationPresent(NotBlank.class) || accessor.isAnnotationPresent(NotEmpty.class);
                JsonProperty name = accessor.getAnnotation(JsonProperty.class);
                Size size = accessor.getAnnotation(Size.class);
                attributes.add(new Attribute(name == null ? component.getName() : name.value(),
                        component.getGenericType(), nonEmpty || accessor.isAnnotationPresent(NotNull.class), nonEmpty,
                        size == null ? Integer.MAX_VALUE : size.max()));
            }
            return List.copyOf(attributes);
        }
    };

    /**
     * The body's object is what its SCIM schema record declares, as the OpenAPI documents generated from the same
     * record say: every required attribute present (non-empty where so declared) and no longer than declared (400
     * invalidValue), and every
     * attribute the record has of its type, at any depth (text, true or false, a list, an object: 400
     * invalidSyntax). Names are read without regard to case, as SCIM names are; attributes the record does not have
     * are left alone, as identity providers send many. A value that is not an object is left to the reader, which
     * says what it should be.
     */
    static void conform(JsonNode object, Class<?> type, String prefix) {
        if (object == null || !object.isObject()) {
            return;
        }
        for (Attribute attribute : ATTRIBUTES.get(type)) {
            JsonNode value = caseless(object, attribute.name());
            String field = prefix + attribute.name();
            boolean empty = value != null && attribute.nonEmpty()
                    && (value.isTextual() && value.asText().isBlank() || value.isContainerNode() && value.isEmpty());
            if (attribute.required() && (value == null || value.isNull() || empty)) {
                throw invalid(field, "REQUIRED", field + " is required" + (attribute.nonEmpty() ? " and not empty" : ""));
            }
            conformValue(value, attribute.type(), field);
            if (value != null && value.isTextual() && value.asText().codePointCount(0, value.asText().length()) > attribute.maxLength()) {
                throw invalid(field, "TOO_LONG", field + " is at most " + attribute.maxLength() + " characters");
            }
        }
    }

    private static void conformValue(JsonNode value, Type type, String field) {
        if (value == null || value.isNull()) {
            return;
        }
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class || raw == OffsetDateTime.class) {
            expect(value.isTextual(), field, "text");
        } else if (raw == Boolean.class) {
            expect(value.isBoolean() || value.isTextual() && List.of("true", "false")
                    .contains(value.asText().toLowerCase(Locale.ROOT)), field, "true or false");
        } else if (raw == List.class) {
            expect(value.isArray(), field, "a list");
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            for (int i = 0; i < value.size(); i++) {
                conformValue(value.get(i), element, field + "[" + i + "]");
            }
        } else if (raw.isRecord()) {
            expect(value.isObject(), field, "an object");
            conform(value, raw, field + ".");
        }
    }

    private static void expect(boolean holds, String field, String what) {
        if (!holds) {
            throw invalid(field, "INVALID_SYNTAX", field + " is " + what);
        }
    }

    /** Attribute names are case-insensitive in SCIM. */
    static JsonNode caseless(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equalsIgnoreCase(name)) {
                return f.getValue();
            }
        }
        return null;
    }

    static ProblemException invalid(String field, String code, String message) {
        return ProblemException.validation(List.of(new Violation(field, code, message)));
    }
}
