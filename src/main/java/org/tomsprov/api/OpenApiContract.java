package org.tomsprov.api;

import org.tomsprov.app.consumers.Consumer;
import org.tomsprov.app.consumers.Consumers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.tomsprov.api.http.StrictParameters;
import org.tomsprov.api.scim.ScimJson;
import org.tomsprov.authz.DenialCode;
import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.domain.CdsCodes;
import org.tomsprov.domain.SafeText;

/**
 * Completes the OpenAPI document with what annotations cannot say once for all: the problem+json error
 * responses each operation really returns (one table, below), and the catalog of problem codes.
 */
public class OpenApiContract implements OASFilter {

    /** Problem codes that are not authorization denials. */
    static final List<String> OTHER_PROBLEM_CODES = List.of("AMBIGUOUS_CREDENTIALS", "ASSIGNMENT_NOT_FOUND", "BAD_REQUEST", "COMMIT_FAILED",
            "CONCURRENT_MODIFICATION", "CONFLICT", "DUPLICATE_COLUMN", "EMAIL_TAKEN", "EMPTY_FILE", "FILE_TOO_LARGE", "FORBIDDEN", "HEADERS_TOO_LARGE",
            "IDEMPOTENCY_KEY_REUSED", "IMPORT_REJECTED", "INTERNAL_ERROR", "INVALID_BODY", "INVALID_VALUE",
            "MALFORMED_CSV", "MALFORMED_JSON", "METHOD_NOT_ALLOWED", "MISSING_COLUMN", "NOT_ACCEPTABLE",
            "NOT_A_SPREADSHEET", "NOT_FOUND", "NOT_REGISTERED", "NOT_UTF8", "ORGANIZATION_EXISTS",
            "ORGANIZATION_NOT_FOUND", "PAYLOAD_TOO_LARGE", "PRECONDITION_FAILED", "PRIMARY_EXISTS",
            "ROLE_ALREADY_ASSIGNED", "ROLE_NOT_FOUND", "SERVICE_UNAVAILABLE", "TOO_MANY_ROWS", "UNAUTHENTICATED", "UNKNOWN_FIELD",
            "UNSUPPORTED_MEDIA_TYPE", "URI_TOO_LONG", "UPLOAD_HAS_ERRORS", "UPLOAD_NOT_COMMITTABLE", "UPLOAD_NOT_FOUND",
            "USER_EXISTS", "USER_NOT_FOUND", "EXTERNAL_ID_TAKEN", "RESOURCE_TYPE_NOT_FOUND", "SCHEMA_NOT_FOUND", "GROUP_NOT_FOUND",
            "VALIDATION_FAILED", "NOT_THE_UPCOMING_YEAR", "TRANSITION_IN_PROGRESS", "NO_STATE_ADMINISTRATOR",
            "YEAR_OVERRIDDEN");

    /** Every problem code, sorted. */
    public static List<String> problemCodes() {
        TreeSet<String> codes = new TreeSet<>(OTHER_PROBLEM_CODES);
        Arrays.stream(DenialCode.values()).map(Enum::name).forEach(codes::add);
        return List.copyOf(codes);
    }

    /**
     * The error statuses of each operation, besides 400 (a parameter that is unsafe, repeated or not the request's),
     * 401, 406, 414, 431, 500 and 503 that every operation may return, and 413 and 415 that every operation with a
     * body may.
     */
    static final Map<String, List<Integer>> ERRORS = Map.ofEntries(
            Map.entry("listRoles", List.of()),
            Map.entry("getRole", List.of(404)),
            Map.entry("listPermissions", List.of()),
            Map.entry("getOrganization", List.of(403, 404)),
            Map.entry("listOrganizations", List.of(403)),
            Map.entry("createOrganization", List.of(403, 409, 415)),
            Map.entry("importOrganizations", List.of(403, 415, 422)),
            Map.entry("getMe", List.of(403)),
            Map.entry("signSecurityAgreement", List.of(403, 415)),
            Map.entry("listGrantableRoles", List.of(403, 404)),
            Map.entry("createUser", List.of(403, 409, 415, 422)),
            Map.entry("getUser", List.of(403, 404)),
            Map.entry("listUsers", List.of(403)),
            Map.entry("patchUser", List.of(403, 404, 409, 412, 415)),
            Map.entry("grantRole", List.of(403, 404, 409, 412, 415, 422)),
            Map.entry("revokeRole", List.of(403, 404, 409, 412)),
            Map.entry("getEffectivePermissions", List.of(403, 404)),
            Map.entry("createUpload", List.of(403, 413, 415, 422)),
            Map.entry("getUpload", List.of(403, 404)),
            Map.entry("listUploadErrors", List.of(403, 404, 406)),
            Map.entry("commitUpload", List.of(403, 404, 409)),
            Map.entry("getUploadTemplate", List.of(406)),
            Map.entry("listAuditEvents", List.of(403)),
            Map.entry("getCersPermissions", List.of(403, 404)),
            Map.entry("getCersPermissionsOfMany", List.of(403, 415)),
            Map.entry("listPermissionChanges", List.of(403)),
            Map.entry("getToolsForTeachersAccess", List.of(403, 404)),
            Map.entry("listAdministrationYears", List.of()),
            Map.entry("transitionAdministrationYear", List.of(403, 409, 422)),
            Map.entry("carryForwardRoles", List.of(403, 409, 422)),
            Map.entry("scimServiceProviderConfig", List.of(403)),
            Map.entry("scimResourceTypes", List.of(403)),
            Map.entry("scimSchemas", List.of(403)),
            Map.entry("scimListUsers", List.of(403)),
            Map.entry("scimGetUser", List.of(403, 404)),
            Map.entry("scimCreateUser", List.of(403, 409, 415, 422)),
            Map.entry("scimReplaceUser", List.of(403, 404, 409, 412, 415, 422)),
            Map.entry("scimPatchUser", List.of(403, 404, 409, 412, 415, 422)),
            Map.entry("scimDeleteUser", List.of(403, 404, 409, 412)));

    private static final Map<String, String> TAGS = tags();

    private static Map<String, String> tags() {
        Map<String, String> tags = new java.util.HashMap<>(Map.of(
                "Administration years", "Which year's roles count, and the transition to the next (state administrators)",
                "Audit", "The append-only audit trail, within the caller's scope",
                "Catalog", "TOMS roles and the CERS permissions they carry",
                "Me", "The calling person: profile, security forms, grantable roles",
                "Organizations", "The state, LEAs and schools by CDS code",
                "Uploads", "TOMS \"Upload Users\": bulk CSV or XLSX files, validated, previewed, committed whole",
                "Users", "People and their role assignments, within the caller's scope",
                "SCIM", "SCIM 2.0 provisioning by a district's identity provider (group scim-provisioner, bound to one"
                        + " LEA by the token's lea claim), as that LEA's primary coordinator; errors are SCIM errors"));
        Consumers.ALL.forEach(consumer -> tags.put(consumer.tag(), consumer.tagDescription()));
        return Map.copyOf(tags);
    }

    private static final Map<Integer, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(400, "Invalid request: the problem lists the fields"),
            Map.entry(401, "No valid bearer token"),
            Map.entry(403, "Authenticated, but not allowed: the problem says why"),
            Map.entry(404, "Not found, or outside the caller's scope"),
            Map.entry(406, "The requested representation is not offered"),
            Map.entry(409, "Conflicts with the current state: the problem says why"),
            Map.entry(412, "If-Match names an ETag that is no longer current"),
            Map.entry(413, "The body (or the file) is larger than the limit"),
            Map.entry(414, "The request line is too long"),
            Map.entry(415, "The request body's media type is not accepted"),
            Map.entry(431, "The request's headers are too large"),
            Map.entry(422, "Understood, but cannot be applied: the problem says why"),
            Map.entry(503, "The database is not reachable right now; nothing was changed; retry after Retry-After seconds"));

    /** The claims a bearer token must carry, as TokenRules and SmallRye JWT check them. */
    static final String TOKEN_RULES = "A JWT signed with the identity provider's key, whose iss is the configured"
            + " issuer, with exp and iat: it lives at most 12 hours (exp - iat, configurable) and iat is not in the"
            + " future beyond 60 s of clock skew. A person's token names them in email (else upn, else sub) and carries"
            + " no service group; their rights come from their TOMS roles, never from the token. A service client's"
            + " token carries groups with " + String.join(" or ", Consumers.ALL.stream().map(Consumer::group).toList())
            + " and no email or upn. A district's SCIM client's token carries groups with scim-provisioner alone and"
            + " names its LEA in lea (a 14-digit CDS code). Any other token is a 401.";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSchema("Problem", problemSchema());
        openAPI.getComponents().addSchema("ScimError", scimErrorSchema());
        if (openAPI.getComponents().getSecuritySchemes() != null
                && openAPI.getComponents().getSecuritySchemes().containsKey("bearer")) {
            openAPI.getComponents().getSecuritySchemes().get("bearer").description(TOKEN_RULES);
        }
        openAPI.getInfo().license(OASFactory.createLicense().name("Proprietary"))
                .description(openAPI.getInfo().getDescription() + " " + SafeText.RULE);
        openAPI.servers(List.of(OASFactory.createServer().url("/")
                .description("The host that serves this document: a deployment's own address, or"
                        + " http://localhost:8080 when started as the README says")));
        if (openAPI.getTags() != null) {
            openAPI.getTags().forEach(tag -> tag.description(TAGS.getOrDefault(tag.getName(), tag.getDescription())));
        }
        inlineNullableScalars(openAPI.getComponents().getSchemas());
        inlineDateTimes(openAPI.getComponents());
        describeRdwShapes(openAPI.getComponents().getSchemas());
        if (openAPI.getPaths() == null) {
            return;
        }
        Set<Schema> requestSchemas = closeRequestBodies(openAPI);
        describeRequests(apiParameters(openAPI), requestSchemas);
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/v1")) {
                item.getOperations().values().forEach(o -> addErrors(o, Problem.MEDIA_TYPE, "Problem"));
            } else if (path.startsWith("/scim/v2")) {
                item.getOperations().values().forEach(o -> addErrors(o, ScimJson.MEDIA_TYPE, "ScimError"));
            }
        });
    }

    /**
     * Every JSON request body under {@code /api/v1} is read strictly ({@link StrictJson}: an unknown field is a 400
     * {@code UNKNOWN_FIELD}, and so is a field a merge patch cannot change), so each schema a body names, and every
     * schema it names in turn, says {@code additionalProperties: false}: a generator then refuses the unknown field
     * before it is sent. Returns those schemas.
     */
    private static Set<Schema> closeRequestBodies(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Set<Schema> closed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/v1")) {
                return;
            }
            item.getOperations().values().stream().map(Operation::getRequestBody)
                    .filter(body -> body != null && body.getContent() != null)
                    .flatMap(body -> body.getContent().getMediaTypes().entrySet().stream())
                    .filter(media -> media.getKey().endsWith("json") && media.getValue().getSchema() != null)
                    .forEach(media -> close(media.getValue().getSchema(), schemas, closed));
        });
        return closed;
    }

    private static void close(Schema schema, Map<String, Schema> schemas, Set<Schema> closed) {
        if (schema.getRef() != null) {
            Schema named = schemas.get(schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1));
            if (named != null && !closed.contains(named)) {
                close(named, schemas, closed);
            }
            return;
        }
        if (schema.getItems() != null) {
            close(schema.getItems(), schemas, closed);
        }
        if (schema.getProperties() != null && closed.add(schema)) {
            schema.additionalPropertiesBoolean(Boolean.FALSE);
            schema.getProperties().values().forEach(property -> close(property, schemas, closed));
        }
    }

    /** Every parameter of the operations under {@code /api/v1} with a schema of its own (not a reference). */
    private static List<org.eclipse.microprofile.openapi.models.parameters.Parameter> apiParameters(OpenAPI openAPI) {
        return openAPI.getPaths().getPathItems().entrySet().stream().filter(item -> item.getKey().startsWith("/api/v1"))
                .flatMap(item -> item.getValue().getOperations().values().stream())
                .filter(operation -> operation.getParameters() != null)
                .flatMap(operation -> operation.getParameters().stream())
                .filter(parameter -> parameter.getSchema() != null && parameter.getSchema().getRef() == null).toList();
    }

    /**
     * What the service checks of a request's keys, years and organization codes, declared from the constants it checks
     * them with: an {@code Idempotency-Key} header as {@code IdempotencyService} takes it (1 to 200 characters, not
     * blank), every administration year a query, path or body names as {@link AdministrationYear#parse} takes it,
     * and every organization's code as {@link CdsCodes} does.
     */
    private static void describeRequests(List<org.eclipse.microprofile.openapi.models.parameters.Parameter> parameters,
            Set<Schema> requestSchemas) {
        for (var parameter : parameters) {
            if (IdempotencyInterceptor.HEADER.equals(parameter.getName())
                    && parameter.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.HEADER) {
                parameter.description("Makes a retry of this request safe: the same key and request within 24 hours"
                        + " answers what the first did, without doing it again; a key used for another request is 422"
                        + " IDEMPOTENCY_KEY_REUSED")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).minLength(1)
                                .maxLength(org.tomsprov.app.IdempotencyService.MAX_KEY_LENGTH).pattern("\\S"));
            }
            StrictParameters.Written written = StrictParameters.writtenAs(parameter.getName());
            if (written != null) {
                parameter.getSchema().pattern(written.pattern());
                if (written.pattern().equals(AdministrationYear.WRITTEN) && parameter.getDescription() == null) {
                    parameter.description("An administration year, like 2026-27: the second part is the year after"
                            + " the first");
                }
            }
        }
        requestSchemas.forEach(schema -> schema.getProperties().forEach((name, property) -> {
            StrictParameters.Written written = StrictParameters.writtenAs(name);
            if (written != null && property.getRef() == null) {
                property.pattern(written.pattern());
            }
        }));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }

    /** RFC 9457 problem details with this service's {@code code} and field errors. */
    static Schema problemSchema() {
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string("The field, column or parameter"))
                .addProperty("code", string("Stable machine code of the rule broken"))
                .addProperty("message", string("What is wrong, for people"))
                .required(List.of("field", "code", "message"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .addProperty("type", string("URI naming the kind of problem").format("uri"))
                .addProperty("title", string("Short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", string("What happened, for people"))
                .addProperty("code", string("Stable machine code").enumeration(new ArrayList<>(problemCodes())))
                .addProperty("requestId", string("The request id, as in the X-Request-Id response header"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError)
                        .description("The invalid fields, for validation problems"))
                .required(List.of("type", "title", "status", "detail", "code"));
    }

    /** A SCIM error (RFC 7644 section 3.12): the status as a string, the scimType, and the TOMS code in the detail. */
    static Schema scimErrorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 7644 SCIM error")
                .addProperty("schemas", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(string("URN")))
                .addProperty("status", string("The HTTP status, as a string"))
                .addProperty("scimType", string("The SCIM error type, when one applies").enumeration(List.of(
                        "invalidFilter", "invalidSyntax", "invalidValue", "invalidPath", "noTarget", "mutability",
                        "uniqueness", "tooMany", "sensitive", "invalidVers")))
                .addProperty("detail", string("The TOMS code, then what happened, for people"))
                .required(List.of("schemas", "status", "detail"));
    }

    private void addErrors(Operation operation, String mediaType, String schema) {
        List<Integer> statuses = new ArrayList<>(ERRORS.getOrDefault(operation.getOperationId(), List.of(403, 404)));
        statuses.add(400);
        statuses.add(401);
        statuses.add(406);
        statuses.add(414);
        statuses.add(431);
        statuses.add(500);
        statuses.add(503);
        if (operation.getRequestBody() != null) {
            statuses.add(413);
            statuses.add(415);
        }
        for (int status : new TreeSet<>(statuses)) {
            String key = String.valueOf(status);
            APIResponse existing = operation.getResponses().getAPIResponse(key);
            if (existing != null && existing.getContent() != null) {
                continue;
            }
            APIResponse response = OASFactory.createAPIResponse()
                    .description(DESCRIPTIONS.getOrDefault(status, "Unexpected failure; the problem carries only a request id"))
                    .content(OASFactory.createContent().addMediaType(mediaType, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("#/components/schemas/" + schema))));
            operation.getResponses().addAPIResponse(key, response);
        }
    }

    /**
     * What CERS reads, said precisely: scope ids are CDS codes as strings (a client reading numbers loses leading
     * zeros), and {@code permissionsById} has exactly RDW's reporting permission ids as keys.
     */
    private static void describeRdwShapes(Map<String, Schema> schemas) {
        Schema scope = schemas.get("RdwScope");
        if (scope != null && scope.getProperties() != null) {
            for (String ids : List.of("districtIds", "institutionIds")) {
                Schema list = scope.getProperties().get(ids);
                list.description(ids.startsWith("district") ? "CDS codes of LEAs (RDW districts)" : "CDS codes of schools (RDW institutions)");
                list.getItems().pattern("^[0-9]{14}$").description("A CDS code: 14 digits, always a string (leading zeros count)");
            }
            for (String groups : List.of("districtGroupIds", "institutionGroupIds")) {
                scope.getProperties().get(groups).description("Always empty: TOMS has no district or school groups");
            }
            scope.required(List.of("statewide", "districtIds", "districtGroupIds", "institutionIds", "institutionGroupIds"));
        }
        Schema cers = schemas.get("CersPermissions");
        if (cers != null && cers.getProperties() != null && cers.getProperties().containsKey("permissionsById")) {
            Schema byId = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                    .description("Keyed by RDW reporting permission id; a permission the user lacks is absent")
                    .additionalPropertiesBoolean(Boolean.FALSE);
            for (org.tomsprov.domain.ReportingPermission permission : org.tomsprov.domain.ReportingPermission.values()) {
                byId.addProperty(permission.name(), OASFactory.createSchema().ref("#/components/schemas/RdwPermission"));
            }
            Map<String, Schema> properties = new java.util.LinkedHashMap<>(cers.getProperties());
            properties.put("permissionsById", byId);
            cers.setProperties(properties);
        }
    }

    /**
     * OpenAPI 3.0 cannot mark a {@code $ref} nullable: a nullable reference (modelled as {@code anyOf} of the
     * reference and null) is written as {@code allOf} with {@code nullable}, which validators and generators read
     * differently. References to plain string types (UUID,
     * date-time) are written out in place instead, where {@code nullable} means what it says.
     */
    private static void inlineNullableScalars(Map<String, Schema> schemas) {
        for (Schema schema : schemas.values()) {
            if (schema.getProperties() == null) {
                continue;
            }
            Map<String, Schema> properties = new java.util.LinkedHashMap<>(schema.getProperties());
            properties.replaceAll((name, property) -> {
                String ref = property.getAnyOf() == null ? null : property.getAnyOf().stream()
                        .map(Schema::getRef).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                boolean nullable = property.getAnyOf() != null && property.getAnyOf().stream()
                        .anyMatch(a -> a.getType() != null && a.getType().equals(List.of(Schema.SchemaType.NULL)));
                if (ref == null || !nullable) {
                    return property;
                }
                Schema target = schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
                if (target == null || target.getType() == null || !target.getType().contains(Schema.SchemaType.STRING)
                        || (target.getEnumeration() != null && !target.getEnumeration().isEmpty())) {
                    return property;
                }
                List<Schema.SchemaType> types = new ArrayList<>(target.getType());
                types.add(Schema.SchemaType.NULL);
                return OASFactory.createSchema().type(types).format(target.getFormat())
                        .description(property.getDescription());
            });
            schema.setProperties(properties);
        }
    }

    /**
     * Properties referring to the date-time string schema the scanner names {@code OffsetDateTime} get it inline,
     * and the component goes: generators would otherwise emit a class for a string, renamed to dodge the JDK's
     * ({@code ModelOffsetDateTime}).
     */
    private static void inlineDateTimes(org.eclipse.microprofile.openapi.models.Components components) {
        Map<String, Schema> schemas = components.getSchemas();
        java.util.Set<String> inlined = new TreeSet<>();
        for (Schema schema : schemas.values()) {
            if (schema.getProperties() == null) {
                continue;
            }
            Map<String, Schema> properties = new java.util.LinkedHashMap<>(schema.getProperties());
            properties.replaceAll((name, property) -> {
                String ref = property.getRef();
                String target = ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
                Schema scalar = target == null ? null : schemas.get(target);
                if (scalar == null || !List.of(Schema.SchemaType.STRING).equals(scalar.getType())
                        || !"date-time".equals(scalar.getFormat())) {
                    return property;
                }
                inlined.add(target);
                return OASFactory.createSchema().type(scalar.getType()).format(scalar.getFormat())
                        .examples(scalar.getExamples()).description(property.getDescription());
            });
            schema.setProperties(properties);
        }
        inlined.forEach(components::removeSchema);
    }
}
