package org.tomsprov.api.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;
import java.util.Set;
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
import org.tomsprov.app.scim.ScimGroups;

/**
 * SCIM Groups as TOMS roles (RFC 7643 section 4.2): each group is one role at one organization of the client's
 * LEA, named {@code ROLE_ID@CDSCODE}; its members hold that role there, and changing them grants and revokes it
 * ({@link ScimGroups}).
 */
@Path("/scim/v2/Groups")
@Authenticated
@Produces({ScimJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@Tag(name = "SCIM", description = "Provisioning by a district's identity provider, within its LEA")
@SecurityRequirement(name = "bearer")
public class ScimGroupResource {

    /** The operations of the SCIM document for groups. */
    public static final List<String> OPERATIONS = List.of("scimListGroups", "scimGetGroup", "scimCreateGroup",
            "scimReplaceGroup", "scimPatchGroup", "scimDeleteGroup");

    private static final String ATTRIBUTES = "Comma-separated attribute names: the answer carries only these, and id"
            + " and schemas (excludedAttributes=members skips the members)";
    private static final String EXCLUDED = "Comma-separated attribute names the answer leaves out (never id or schemas)";
    private static final String ID = "The group's id: ROLE_ID@CDSCODE";

    private final ScimGroups groups;
    private final ObjectMapper json;

    ScimGroupResource(ScimGroups groups, ObjectMapper json) {
        this.groups = groups;
        this.json = json;
    }

    @GET
    @Operation(operationId = "scimListGroups", summary = "The LEA's groups: each TOMS role the client may grant, at each"
            + " organization where it was created or is held, with its members")
    @APIResponse(responseCode = "200", description = "A page of groups", content = @Content(mediaType = ScimJson.MEDIA_TYPE,
            schema = @Schema(implementation = ScimJson.GroupList.class)))
    public Response list(
            @QueryParam("filter") @Parameter(description = "displayName eq \"ROLE_ID@CDSCODE\"",
                    example = "displayName eq \"EDUCATOR_ROSTER@19647331930452\"") String filter,
            @QueryParam("startIndex") @Parameter(description = "1-based; 1 when absent") Integer startIndex,
            @QueryParam("count") @Parameter(description = "At most " + ScimResource.MAX_COUNT + "; 100 when absent")
            Integer count,
            @QueryParam("attributes") @Parameter(description = ATTRIBUTES) String attributes,
            @QueryParam("excludedAttributes") @Parameter(description = EXCLUDED) String excludedAttributes,
            @Context UriInfo uri) {
        int start = startIndex == null || startIndex < 1 ? 1 : startIndex;
        int size = count == null ? 100 : Math.max(0, Math.min(ScimResource.MAX_COUNT, count));
        ScimProjection projection = ScimProjection.of(attributes, excludedAttributes);
        ScimGroups.Listed listed = groups.list(ScimFilter.groupDisplayName(filter), start - 1, size,
                projection.carries("members"));
        List<JsonNode> page = listed.groups().stream()
                .map(g -> projection.apply(json.valueToTree(ScimJson.Group.of(g, uri.getBaseUri())))).toList();
        return Response.ok(new ScimJson.GroupList(List.of(ScimJson.LIST_SCHEMA), listed.total(), start, page.size(),
                page)).type(ScimJson.MEDIA_TYPE).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "scimGetGroup", summary = "A group of the client's LEA, with its members")
    @APIResponse(responseCode = "200", description = "The group", content = @Content(mediaType = ScimJson.MEDIA_TYPE,
            schema = @Schema(implementation = ScimJson.Group.class)))
    public Response get(@PathParam("id") @Parameter(description = ID) String id,
            @QueryParam("attributes") @Parameter(description = ATTRIBUTES) String attributes,
            @QueryParam("excludedAttributes") @Parameter(description = EXCLUDED) String excludedAttributes,
            @Context UriInfo uri) {
        return group(Response.ok(), groups.get(id, ScimProjection.of(attributes, excludedAttributes)
                .carries("members")), attributes, excludedAttributes, uri);
    }

    @POST
    @Consumes({ScimJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(operationId = "scimCreateGroup", summary = "Create the group of a role the client may grant at an"
            + " organization of its LEA, granting it to the members; an existing group is answered, members added")
    @RequestBody(content = {@Content(mediaType = ScimJson.MEDIA_TYPE, schema = @Schema(implementation = ScimJson.NewGroup.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScimJson.NewGroup.class))})
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ScimJson.MEDIA_TYPE, schema = @Schema(implementation = ScimJson.Group.class)))
    @APIResponse(responseCode = "200", description = "The group existed: it is answered, with the members added",
            content = @Content(mediaType = ScimJson.MEDIA_TYPE, schema = @Schema(implementation = ScimJson.Group.class)))
    public Response create(JsonNode body,
            @QueryParam("attributes") @Parameter(description = ATTRIBUTES) String attributes,
            @QueryParam("excludedAttributes") @Parameter(description = EXCLUDED) String excludedAttributes,
            @Context UriInfo uri) {
        JsonNode group = Bodies.required(body);
        ScimJson.conform(group, ScimJson.NewGroup.class, "");
        ScimGroups.Created created = groups.create(ScimJson.caseless(group, "displayName").asText(),
                ScimJson.memberIds(ScimJson.caseless(group, "members"), "members"));
        URI location = uri.getBaseUri().resolve("scim/v2/Groups/" + created.group().id());
        return group(created.created() ? Response.created(location) : Response.ok(), created.group(), attributes,
                excludedAttributes, uri);
    }

    @PUT
    @Path("/{id}")
    @Consumes({ScimJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(operationId = "scimReplaceGroup", summary = "Make the group's members exactly these: the role granted to"
            + " those added and revoked from those left out")
    @RequestBody(content = {@Content(mediaType = ScimJson.MEDIA_TYPE, schema = @Schema(implementation = ScimJson.NewGroup.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScimJson.NewGroup.class))})
    @APIResponse(responseCode = "200", description = "The group after the change", content = @Content(
            mediaType = ScimJson.MEDIA_TYPE, schema = @Schema(implementation = ScimJson.Group.class)))
    public Response replace(@PathParam("id") @Parameter(description = ID) String id, JsonNode body,
            @QueryParam("attributes") @Parameter(description = ATTRIBUTES) String attributes,
            @QueryParam("excludedAttributes") @Parameter(description = EXCLUDED) String excludedAttributes,
            @Context UriInfo uri) {
        JsonNode group = Bodies.required(body);
        ScimJson.conform(group, ScimJson.NewGroup.class, "");
        groups.get(id, false);
        ScimJson.sameGroup(ScimJson.caseless(group, "displayName"), id, "displayName");
        Set<UUID> members = ScimJson.memberIds(ScimJson.caseless(group, "members"), "members");
        return group(Response.ok(), groups.change(id, now -> members), attributes, excludedAttributes, uri);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ScimJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(operationId = "scimPatchGroup", summary = "Add or remove members (PatchOp): the role is granted or revoked")
    @RequestBody(content = {@Content(mediaType = ScimJson.MEDIA_TYPE, schema = @Schema(implementation = ScimJson.PatchOp.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScimJson.PatchOp.class))})
    @APIResponse(responseCode = "200", description = "The group after the change", content = @Content(
            mediaType = ScimJson.MEDIA_TYPE, schema = @Schema(implementation = ScimJson.Group.class)))
    public Response patch(@PathParam("id") @Parameter(description = ID) String id, JsonNode body,
            @QueryParam("attributes") @Parameter(description = ATTRIBUTES) String attributes,
            @QueryParam("excludedAttributes") @Parameter(description = EXCLUDED) String excludedAttributes,
            @Context UriInfo uri) {
        return group(Response.ok(), groups.change(id, ScimJson.groupPatch(Bodies.required(body), id)), attributes,
                excludedAttributes, uri);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "scimDeleteGroup", summary = "Delete the group: the role is revoked from every member")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") @Parameter(description = ID) String id) {
        groups.delete(id);
        return Response.noContent().build();
    }

    private Response group(Response.ResponseBuilder response, ScimGroups.ScimGroup group, String attributes,
            String excludedAttributes, UriInfo uri) {
        return response.entity(ScimProjection.of(attributes, excludedAttributes)
                .apply(json.valueToTree(ScimJson.Group.of(group, uri.getBaseUri())))).type(ScimJson.MEDIA_TYPE).build();
    }
}
