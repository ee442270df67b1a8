package org.tomsprov.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.scim.ScimUsers;
import org.tomsprov.app.scim.ScimUsers.Desired;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.Violation;

/**
 * SCIM 2.0 (RFC 7643, RFC 7644) as TOMS speaks it: the User resource, list responses, errors, and the reading of
 * request bodies and PatchOp operations into what a user should be. Attributes TOMS does not keep (externalId,
 * displayName, title, the enterprise extension...) are accepted and ignored, as identity providers send them.
 */
public final class ScimJson {

    public static final String MEDIA_TYPE = "application/scim+json";
    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    private ScimJson() {
    }

    /** A SCIM User. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScimUser")
    public record User(List<String> schemas, String id,
            @NotBlank @Schema(description = "The person's email, their TOMS username", example = "pat.lee@example.org")
            String userName,
            Name name, String displayName, List<Multi> emails, List<Multi> phoneNumbers, Boolean active,
            @Schema(description = "One entry per TOMS role held in the client's LEA this administration year")
            List<RoleValue> roles, Meta meta) {

        static User of(ScimUsers.ScimUser u) {
            return new User(List.of(USER_SCHEMA), u.id().toString(), u.userName(),
                    new Name(u.givenName(), u.familyName(), u.givenName() + " " + u.familyName()),
                    u.givenName() + " " + u.familyName(),
                    List.of(new Multi(u.userName(), "work", true)),
                    u.phone() == null ? null : List.of(new Multi(u.phone(), "work", true)), u.active(),
                    u.roles().stream().map(r -> new RoleValue(r.value(), r.display(), "TOMS")).toList(),
                    new Meta("User", u.created(), u.lastModified(), "/scim/v2/Users/" + u.id(), etag(u.version())));
        }
    }

    /** The person's name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScimName")
    public record Name(String givenName, String familyName, String formatted) {
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

    /** A page of users. */
    @Schema(name = "ScimUserList")
    public record ListResponse(List<String> schemas, long totalResults, int startIndex, int itemsPerPage,
            @JsonProperty("Resources") List<User> resources) {
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

    static String etag(long version) {
        return "W/\"" + version + "\"";
    }

    /** A User body (POST, PUT) as what the user should be; a missing {@code active} means active. */
    static Desired desired(JsonNode body) {
        if (!(body instanceof ObjectNode user)) {
            throw invalid("body", "INVALID_SYNTAX", "the body is a SCIM User object");
        }
        requireDeclared(user, User.class, "");
        Builder b = new Builder();
        b.active = true;
        user.fields().forEachRemaining(f -> b.set(f.getKey(), f.getValue(), "replace"));
        return b.build();
    }

    /** The change a PatchOp body asks for, applied to the user as they are. */
    static UnaryOperator<Desired> patch(JsonNode body) {
        requireDeclared(body, PatchOp.class, "");
        JsonNode operations = caseless(body, "Operations");
        if (operations == null || !operations.isArray()) {
            throw invalid("Operations", "INVALID_SYNTAX", "a PatchOp body carries Operations, a non-empty array");
        }
        List<JsonNode> ops = new ArrayList<>();
        operations.forEach(ops::add);
        for (int i = 0; i < ops.size(); i++) {
            requireDeclared(ops.get(i), Operation.class, "Operations[" + i + "].");
        }
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
        List<String> roles = new ArrayList<>();

        static Builder from(Desired d) {
            Builder b = new Builder();
            b.userName = d.userName().value();
            b.givenName = d.givenName();
            b.familyName = d.familyName();
            b.phone = d.phone();
            b.active = d.active();
            b.roles = new ArrayList<>(d.roles());
            return b;
        }

        Desired build() {
            return new Desired(Email.ofNullable(userName), givenName, familyName, phone, active, roles);
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
                attributes.fields().forEachRemaining(f -> set(f.getKey(), f.getValue(), kind));
                return;
            }
            String path = pathNode.asText().trim();
            if (kind.equals("remove")) {
                remove(path, value, field + ".path");
            } else {
                set(path, value, kind);
            }
        }

        private static final Pattern ROLE_FILTER = Pattern.compile("(?i)roles\\[\\s*value\\s+eq\\s+\"([^\"]*)\"\\s*]");
        private static final Pattern VALUE_FILTER = Pattern.compile("(?i)(emails|phoneNumbers)\\[[^]]*](\\.value)?");

        void set(String rawPath, JsonNode value, String kind) {
            String path = stripSchema(rawPath);
            String key = path.toLowerCase(Locale.ROOT);
            switch (key) {
                case "username" -> userName = text(value, "userName");
                case "active" -> active = bool(value);
                case "name" -> {
                    if (value instanceof ObjectNode name) {
                        name.fields().forEachRemaining(f -> set("name." + f.getKey(), f.getValue(), kind));
                    }
                }
                case "name.givenname" -> givenName = text(value, "name.givenName");
                case "name.familyname" -> familyName = text(value, "name.familyName");
                case "phonenumbers" -> phone = firstValue(value);
                case "roles" -> {
                    List<String> values = roleValues(value);
                    if (kind.equals("replace")) {
                        roles = new ArrayList<>(values);
                    } else {
                        values.stream().filter(v -> !roles.contains(v)).forEach(roles::add);
                    }
                }
                default -> {
                    Matcher m = VALUE_FILTER.matcher(path);
                    if (m.matches() && m.group(1).equalsIgnoreCase("phoneNumbers")) {
                        phone = value != null && value.isTextual() ? value.asText() : firstValue(value);
                    }
                }
            }
        }

        void remove(String rawPath, JsonNode value, String field) {
            String path = stripSchema(rawPath);
            Matcher role = ROLE_FILTER.matcher(path);
            if (role.matches()) {
                roles.remove(role.group(1));
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
                case "username", "active", "name", "name.givenname", "name.familyname" ->
                        throw invalid(field, "MUTABILITY", path + " is required and cannot be removed");
                default -> {
                    Matcher m = VALUE_FILTER.matcher(path);
                    if (m.matches() && m.group(1).equalsIgnoreCase("phoneNumbers")) {
                        phone = null;
                    }
                }
            }
        }

        private static String stripSchema(String path) {
            return path.regionMatches(true, 0, USER_SCHEMA + ":", 0, USER_SCHEMA.length() + 1)
                    ? path.substring(USER_SCHEMA.length() + 1) : path;
        }
    }

    private static List<String> roleValues(JsonNode value) {
        List<String> values = new ArrayList<>();
        if (value == null || value.isNull()) {
            return values;
        }
        Iterable<JsonNode> entries = value.isArray() ? value : List.of(value);
        int i = 0;
        for (JsonNode entry : entries) {
            requireDeclared(entry, RoleValue.class, "roles[" + i++ + "].");
            JsonNode v = entry.isObject() ? caseless(entry, "value") : entry;
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw invalid("roles", "INVALID_VALUE", "a role entry is {\"value\": \"ROLE_ID@CDSCODE\"}");
            }
            values.add(v.asText().trim());
        }
        return values;
    }

    private static String firstValue(JsonNode value) {
        if (value == null || value.isNull() || value.isArray() && value.isEmpty()) {
            return null;
        }
        JsonNode entry = value.isArray() ? value.get(0) : value;
        JsonNode v = entry.isObject() ? caseless(entry, "value") : entry;
        return v == null || v.isNull() ? null : v.asText();
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

    /**
     * Per SCIM record, its attributes declared required ({@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty});
     * read from the accessors, where a record component's Bean Validation annotations land.
     */
    private static final ClassValue<List<Required>> REQUIRED = new ClassValue<>() {
        @Override
        protected List<Required> computeValue(Class<?> type) {
            List<Required> required = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                Method accessor = component.getAccessor();
                boolean nonEmpty = accessor.isAnnotationPresent(NotBlank.class) || accessor.isAnnotationPresent(NotEmpty.class);
                if (nonEmpty || accessor.isAnnotationPresent(NotNull.class)) {
                    JsonProperty name = accessor.getAnnotation(JsonProperty.class);
                    required.add(new Required(name == null ? component.getName() : name.value(), nonEmpty));
                }
            }
            return List.copyOf(required);
        }
    };

    private record Required(String name, boolean nonEmpty) {
    }

    /**
     * The body's object holds every attribute its SCIM schema record declares required, non-empty where so declared:
     * the Bean Validation annotations the OpenAPI documents are generated from are the check, read caselessly as
     * SCIM names are. A JSON value that is not an object is left to the reader, which says what it should be.
     */
    static void requireDeclared(JsonNode object, Class<? extends Record> type, String prefix) {
        if (object == null || !object.isObject()) {
            return;
        }
        for (Required attribute : REQUIRED.get(type)) {
            JsonNode value = caseless(object, attribute.name());
            boolean empty = value != null && attribute.nonEmpty()
                    && (value.isTextual() && value.asText().isBlank() || value.isContainerNode() && value.isEmpty());
            if (value == null || value.isNull() || empty) {
                throw invalid(prefix + attribute.name(), "REQUIRED", prefix + attribute.name() + " is required"
                        + (attribute.nonEmpty() ? " and not empty" : ""));
            }
        }
    }

    /** Attribute names are case-insensitive in SCIM. */
    private static JsonNode caseless(JsonNode node, String name) {
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
