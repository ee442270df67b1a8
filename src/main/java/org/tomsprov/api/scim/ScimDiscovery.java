package org.tomsprov.api.scim;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tomsprov.app.ProblemException;

/**
 * The SCIM discovery documents (RFC 7644 section 4): what this service supports, its resource types (User, Group),
 * and their schemas as TOMS keeps them, with a user's {@code roles} and a group's name as {@code ROLE_ID@CDSCODE}.
 */
final class ScimDiscovery {

    private static final String CONFIG_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    private static final String RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    private static final String SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    private ScimDiscovery() {
    }

    static Map<String, Object> serviceProviderConfig(int maxResults, URI base) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("schemas", List.of(CONFIG_SCHEMA));
        config.put("documentationUri", base.resolve("q/openapi").toString());
        config.put("patch", Map.of("supported", true));
        config.put("bulk", Map.of("supported", false, "maxOperations", 0, "maxPayloadSize", 0));
        config.put("filter", Map.of("supported", true, "maxResults", maxResults));
        config.put("changePassword", Map.of("supported", false));
        config.put("sort", Map.of("supported", false));
        config.put("etag", Map.of("supported", true));
        config.put("authenticationSchemes", List.of(Map.of("type", "oauthbearertoken", "name", "OAuth Bearer Token",
                "description", "A JWT of the scim-provisioner group whose lea claim is the LEA's 14-digit CDS code",
                "primary", true)));
        config.put("meta", Map.of("resourceType", "ServiceProviderConfig",
                "location", base.resolve("scim/v2/ServiceProviderConfig").toString()));
        return config;
    }

    /** The resource types, each with its absolute location. */
    static List<Map<String, Object>> resourceTypes(URI base) {
        return List.of(userResourceType(base), resourceType(base, "Group", "/Groups",
                "A TOMS role at one organization of the client's LEA: its members hold it there", ScimJson.GROUP_SCHEMA));
    }

    /** The schemas, each with its absolute location. */
    static List<Map<String, Object>> schemas(URI base) {
        return List.of(userSchema(base), groupSchema(base));
    }

    private static Map<String, Object> resourceType(URI base, String name, String endpoint, String description,
            String schema) {
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("schemas", List.of(RESOURCE_TYPE_SCHEMA));
        type.put("id", name);
        type.put("name", name);
        type.put("endpoint", endpoint);
        type.put("description", description);
        type.put("schema", schema);
        type.put("meta", Map.of("resourceType", "ResourceType", "location",
                base.resolve("scim/v2/ResourceTypes/" + name).toString()));
        return type;
    }

    private static Map<String, Object> groupSchema(URI base) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("schemas", List.of(SCHEMA_SCHEMA));
        schema.put("id", ScimJson.GROUP_SCHEMA);
        schema.put("name", "Group");
        schema.put("description", "A TOMS role at one organization of the client's LEA; adding a member grants it,"
                + " removing one revokes it");
        Map<String, Object> members = attribute("members", "complex", false, "The people holding the role there this"
                + " administration year", "none");
        members.put("multiValued", true);
        members.put("subAttributes", List.of(attribute("value", "string", true, "The user's id", "none"),
                readOnly("display", "string", "The user's email"), readOnly("$ref", "reference", "The user's location")));
        schema.put("attributes", List.of(attribute("displayName", "string", true, ScimJson.GROUP_NAME
                + "; it cannot change", "server"), members));
        schema.put("meta", Map.of("resourceType", "Schema", "location",
                base.resolve("scim/v2/Schemas/" + ScimJson.GROUP_SCHEMA).toString()));
        return schema;
    }

    private static Map<String, Object> userResourceType(URI base) {
        return resourceType(base, "User", "/Users", "A TOMS user: an educator holding TOMS roles in the client's LEA",
                ScimJson.USER_SCHEMA);
    }

    private static Map<String, Object> userSchema(URI base) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("schemas", List.of(SCHEMA_SCHEMA));
        schema.put("id", ScimJson.USER_SCHEMA);
        schema.put("name", "User");
        schema.put("description", "A TOMS user; attributes not listed here are accepted and not kept");
        schema.put("attributes", List.of(
                attribute("externalId", "string", false, "The client's own id for the person, unique in its LEA;"
                        + " filter with externalId eq", "server"),
                attribute("userName", "string", true, "The person's email, unique without regard to case: their TOMS"
                        + " username", "server"),
                complex("name", List.of(
                        attribute("givenName", "string", true, "First name, 1-35 characters", "none"),
                        attribute("familyName", "string", true, "Last name, 1-35 characters", "none"),
                        readOnly("formatted", "string", "Given and family name"))),
                readOnly("displayName", "string", "Given and family name"),
                multi("emails", "The userName, as the work email; set userName to change it", true),
                multi("phoneNumbers", "The work phone, 916-555-0100 with an optional x1234", false),
                attribute("active", "boolean", false, "false deactivates the person in TOMS (only when every role they"
                        + " hold is in this LEA); absent from a create, or removed, it is true", "none"),
                multi("roles", "One per TOMS role held in this LEA this administration year: value ROLE_ID@CDSCODE"
                        + " (the role's id or display name, and the LEA's or a school's 14-digit CDS code), display"
                        + " \"role name at organization name\"; primary is not used", false)));
        schema.put("meta", Map.of("resourceType", "Schema", "location",
                base.resolve("scim/v2/Schemas/" + ScimJson.USER_SCHEMA).toString()));
        return schema;
    }

    /** The discovery document with this id; a 404 with {@code code} when there is none. */
    static Map<String, Object> byId(List<Map<String, Object>> documents, String id, String code) {
        return documents.stream().filter(d -> d.get("id").equals(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound(code, "nothing here has the id " + id));
    }

    static Map<String, Object> list(List<Map<String, Object>> resources) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("schemas", List.of(ScimJson.LIST_SCHEMA));
        list.put("totalResults", resources.size());
        list.put("startIndex", 1);
        list.put("itemsPerPage", resources.size());
        list.put("Resources", resources);
        return list;
    }

    private static Map<String, Object> attribute(String name, String type, boolean required, String description,
            String uniqueness) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", name);
        a.put("type", type);
        a.put("multiValued", false);
        a.put("description", description);
        a.put("required", required);
        a.put("caseExact", false);
        a.put("mutability", "readWrite");
        a.put("returned", "default");
        a.put("uniqueness", uniqueness);
        return a;
    }

    private static Map<String, Object> readOnly(String name, String type, String description) {
        Map<String, Object> a = attribute(name, type, false, description, "none");
        a.put("mutability", "readOnly");
        return a;
    }

    private static Map<String, Object> complex(String name, List<Map<String, Object>> subAttributes) {
        Map<String, Object> a = attribute(name, "complex", true, "The person's name", "none");
        a.put("subAttributes", subAttributes);
        return a;
    }

    private static Map<String, Object> multi(String name, String description, boolean readOnly) {
        Map<String, Object> a = attribute(name, "complex", false, description, "none");
        a.put("multiValued", true);
        a.put("mutability", readOnly ? "readOnly" : "readWrite");
        a.put("subAttributes", List.of(attribute("value", "string", false, "The value", "none"),
                readOnly("display", "string", "A human-readable text"),
                attribute("type", "string", false, "work", "none"),
                attribute("primary", "boolean", false, "Whether it is the primary value", "none")));
        return a;
    }
}
