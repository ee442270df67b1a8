package org.tomsprov.api.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tomsprov.api.Bodies;
import org.tomsprov.api.IfMatch;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.scim.ScimUsers;
import org.tomsprov.app.users.Precondition;
import org.tomsprov.app.users.UserAccess;

/**
 * SCIM 2.0 for a district's identity provider (RFC 7643, RFC 7644): the discovery documents and Users. The
 * client is a service client of the {@code scim-provisioner} group bound to one LEA by its token's {@code lea} claim.
 * Bodies are {@code application/scim+json} or {@code application/json}; errors are SCIM errors ({@link ScimErrors}).
 */
@Path("/scim/v2")
@Authenticated
@Produces({ScimJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@Tag(name = "SCIM", description = "Provisioning by a district's identity provider, within its LEA")
@SecurityRequirement(name = "bearer")
public class ScimResource {

    /** The operations of the SCIM document, {@code openapi/scim.yaml}. */
    public static final List<String> OPERATIONS = List.of("scimServiceProviderConfig", "scimResourceTypes",
            "scimResourceType", "scimSchemas", "scimSchema", "scimListUsers", "scimGetUser", "scimCreateUser", "scimReplaceUser", "scimPatchUser",
            "scimDeleteUser");

    /** The most users one page answers. */
    static final int MAX_COUNT = 200;

    private static final String ATTRIBUTES = "Comma-separated attribute names (name.givenName, emails.value, with or"
            + " without the schema URN): the answer carries only these, and id and schemas";
    private static final String EXCLUDED = "Comma-separated attribute names the answer leaves out (never id or schemas)";
    private static final String ID = "The user's id, as TOMS answered it; any other text is a user not found";

    private final ScimUsers users;
    private final ObjectMapper json;

    ScimResource(ScimUsers users, ObjectMapper json) {
        this.users = users;
        this.json = json;
    }

    @GET
    @Path("/ServiceProviderConfig")
    @Operation(operationId = "scimServiceProviderConfig", summary = "What this SCIM service supports")
    public Map<String, Object> serviceProviderConfig(@Context UriInfo uri) {
        users.discover();
        return ScimDiscovery.serviceProviderConfig(MAX_COUNT, uri.getBaseUri());
    }

    @GET
    @Path("/ResourceTypes")
    @Operation(operationId = "scimResourceTypes", summary = "The resource types: User, Group")
    public Map<String, Object> resourceTypes(@Context UriInfo uri) {
        users.discover();
        return ScimDiscovery.list(ScimDiscovery.resourceTypes(uri.getBaseUri()));
    }

    @GET
    @Path("/ResourceTypes/{resourceTypeId}")
    @Operation(operationId = "scimResourceType", summary = "One resource type, by its name (User, Group)")
    public Map<String, Object> resourceType(@PathParam("resourceTypeId") String name, @Context UriInfo uri) {
        users.discover();
        return ScimDiscovery.byId(ScimDiscovery.resourceTypes(uri.getBaseUri()), name, "RESOURCE_TYPE_NOT_FOUND");
    }

    @GET
    @Path("/Schemas")
    @Operation(operationId = "scimSchemas", summary = "The User and Group schemas as TOMS keeps them")
    public Map<String, Object> schemas(@Context UriInfo uri) {
        users.discover();
        return ScimDiscovery.list(ScimDiscovery.schemas(uri.getBaseUri()));
    }

    @GET
    @Path("/Schemas/{schemaId}")
    @Operation(operationId = "scimSchema", summary = "One schema, by its URN")
    public Map<String, Object> schema(@PathParam("schemaId") String urn, @Context UriInfo uri) {
        users.discover();
        return ScimDiscovery.byId(ScimDiscovery.schemas(uri.getBaseUri()), urn, "SCHEMA_NOT_FOUND");
    }

    @GET
    @Path("/Users")
    @Operation(operationId = "scimListUsers", summary = "Users holding a role in the client's LEA, filtered and paged")
    @APIResponse(responseCode = "200", description = "A page of users", content = @Content(mediaType = ScimJson.MEDIA_TYPE,
            schema = @Schema(implementation = ScimJson.ListResponse.class)))
    public Response list(
            @QueryParam("filter") @Parameter(description = "One of: " + ScimFilter.SUPPORTED,
                    example = "userName eq \"pat.lee@example.org\"") String filter,
            @QueryParam("startIndex") @Parameter(description = "1-based; 1 when absent") Integer startIndex,
            @QueryParam("count") @Parameter(description = "At most " + MAX_COUNT + "; 100 when absent") Integer count,
            @QueryParam("attributes") @Parameter(description = ATTRIBUTES) String attributes,
            @QueryParam("excludedAttributes") @Parameter(description = EXCLUDED) String excludedAttributes,
            @Context UriInfo uri) {
        int start = startIndex == null || startIndex < 1 ? 1 : startIndex;
        int size = count == null ? 100 : Math.max(0, Math.min(MAX_COUNT, count));
        ScimUsers.Listed listed = users.list(ScimFilter.parse(filter), start - 1, size);
        ScimProjection projection = ScimProjection.of(attributes, excludedAttributes);
        List<JsonNode> page = listed.users().stream()
                .map(u -> projection.apply(json.valueToTree(ScimJson.User.of(u, uri.getBaseUri())))).toList();
        return Response.ok(new ScimJson.ListResponse(List.of(ScimJson.LIST_SCHEMA), listed.total(), start, page.size(),
                page)).type(ScimJson.MEDIA_TYPE).build();
    }

    @GET
    @Path("/Users/{id}")
    @Operation(operationId = "scimGetUser", summary = "A user of the client's LEA")
    @APIResponse(responseCode = "200", description = "The user", headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ScimJson.MEDIA_TYPE, schema = @Schema(implementation = ScimJson.User.class)))
    public Response get(@PathParam("id") @Parameter(description = ID) String id,
            @QueryParam("attributes") @Parameter(description = ATTRIBUTES) String attributes,
            @QueryParam("excludedAttributes") @Parameter(description = EXCLUDED) String excludedAttributes,
            @Context UriInfo uri) {
        return user(Response.ok(), users.get(userId(id)), attributes, excludedAttributes, uri);
    }

    @POST
    @Path("/Users")
    @Consumes({ScimJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(operationId = "scimCreateUser", summary = "Create a user with roles in the client's LEA, or add them to the person TOMS knows")
    @RequestBody(content = {@Content(mediaType = ScimJson.MEDIA_TYPE, schema = @Schema(implementation = ScimJson.NewUser.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScimJson.NewUser.class))})
    @APIResponse(responseCode = "201", description = "Created",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = ScimJson.MEDIA_TYPE, schema = @Schema(implementation = ScimJson.User.class)))
    public Response create(JsonNode body,
            @QueryParam("attributes") @Parameter(description = ATTRIBUTES) String attributes,
            @QueryParam("excludedAttributes") @Parameter(description = EXCLUDED) String excludedAttributes,
            @Context UriInfo uri) {
        ScimUsers.ScimUser user = users.create(ScimJson.desired(Bodies.required(body), ScimJson.NewUser.class));
        return user(Response.created(ScimJson.location(uri.getBaseUri(), user.id())), user, attributes,
                excludedAttributes, uri);
    }

    @PUT
    @Path("/Users/{id}")
    @Consumes({ScimJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(operationId = "scimReplaceUser", summary = "Replace a user: profile, status and the roles in the client's LEA")
    @RequestBody(content = {@Content(mediaType = ScimJson.MEDIA_TYPE, schema = @Schema(implementation = ScimJson.Replacement.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScimJson.Replacement.class))})
    @APIResponse(responseCode = "200", description = "The user after the change", headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ScimJson.MEDIA_TYPE, schema = @Schema(implementation = ScimJson.User.class)))
    public Response replace(@PathParam("id") @Parameter(description = ID) String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, JsonNode body,
            @QueryParam("attributes") @Parameter(description = ATTRIBUTES) String attributes,
            @QueryParam("excludedAttributes") @Parameter(description = EXCLUDED) String excludedAttributes,
            @Context UriInfo uri) {
        return user(Response.ok(), users.replace(userId(id), ifMatch(ifMatch),
                ScimJson.desired(Bodies.required(body), ScimJson.Replacement.class)), attributes, excludedAttributes, uri);
    }

    @PATCH
    @Path("/Users/{id}")
    @Consumes({ScimJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(operationId = "scimPatchUser", summary = "Patch a user (PatchOp: add, replace, remove; active and roles included)")
    @RequestBody(content = {@Content(mediaType = ScimJson.MEDIA_TYPE, schema = @Schema(implementation = ScimJson.PatchOp.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScimJson.PatchOp.class))})
    @APIResponse(responseCode = "200", description = "The user after the change", headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ScimJson.MEDIA_TYPE, schema = @Schema(implementation = ScimJson.User.class)))
    public Response patch(@PathParam("id") @Parameter(description = ID) String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, JsonNode body,
            @QueryParam("attributes") @Parameter(description = ATTRIBUTES) String attributes,
            @QueryParam("excludedAttributes") @Parameter(description = EXCLUDED) String excludedAttributes,
            @Context UriInfo uri) {
        return user(Response.ok(), users.patch(userId(id), ifMatch(ifMatch), ScimJson.patch(Bodies.required(body))),
                attributes, excludedAttributes, uri);
    }

    @DELETE
    @Path("/Users/{id}")
    @Operation(operationId = "scimDeleteUser", summary = "The user leaves the client's LEA: its roles are revoked, TOMS keeps the person and the history")
    @APIResponse(responseCode = "204", description = "Removed from the LEA")
    public Response delete(@PathParam("id") @Parameter(description = ID) String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        users.delete(userId(id), ifMatch(ifMatch));
        return Response.noContent().build();
    }

    private Response user(Response.ResponseBuilder response, ScimUsers.ScimUser user, String attributes,
            String excludedAttributes, UriInfo uri) {
        JsonNode body = ScimProjection.of(attributes, excludedAttributes)
                .apply(json.valueToTree(ScimJson.User.of(user, uri.getBaseUri())));
        return response.entity(body).type(ScimJson.MEDIA_TYPE).header(HttpHeaders.ETAG, ScimJson.etag(user.version()))
                .build();
    }

    /** A SCIM id is opaque to clients (RFC 7644 section 3.12): one that is no user's id is a user not found. */
    private static UUID userId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw UserAccess.userNotFound();
        }
    }

    private static Precondition ifMatch(String header) {
        return IfMatch.of(header, version -> "the user changed since you read it (meta.version "
                + ScimJson.etag(version) + ")");
    }
}
