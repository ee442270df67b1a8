package org.tomsprov.api;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tomsprov.app.consumers.CersPulls;
import org.tomsprov.app.consumers.Pulled;
import org.tomsprov.app.consumers.ToolsForTeachersPulls;
import org.tomsprov.domain.Email;

/**
 * What CERS and Tools for Teachers pull, with service-client tokens. Pulls carry an ETag and answer
 * {@code If-None-Match} with 304. A single pull runs on the I/O thread and is answered when its document is read.
 */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class ConsumerResource {

    /**
     * If-None-Match is described here rather than declared as a parameter: a declared header would change the
     * generated clients' method signatures, and an integrator's code must keep compiling.
     */
    static final String NOT_MODIFIED = "Not modified: the request's If-None-Match names the current version; no body";

    private final CersPulls cers;
    private final ToolsForTeachersPulls toolsForTeachers;
    private final ConsumerBodies bodies;

    ConsumerResource(CersPulls cers, ToolsForTeachersPulls toolsForTeachers, ConsumerBodies bodies) {
        this.cers = cers;
        this.toolsForTeachers = toolsForTeachers;
        this.bodies = bodies;
    }

    @GET
    @Path("/cers/users/{email}/permissions")
    @Tag(name = "CERS")
    @Operation(operationId = "getCersPermissions", summary = "A user's RDW reporting permissions (cers-service)")
    @APIResponse(responseCode = "200", description = "The permissions; ETag names their version",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Responses.CersPermissions.class)))
    @APIResponse(responseCode = "304", description = NOT_MODIFIED)
    public CompletionStage<Response> cers(@PathParam("email") String email, @Context Request request) {
        return cers.permissions(email).thenApply(document -> unlessUnchanged(document, request));
    }

    /** The users a batch pull asks for. */
    public record BatchRequest(
            @Schema(description = "Emails of the users, as the single pull takes them", maxItems = CersPulls.MAX_BATCH)
            @NotNull(message = "emails is required")
            @Size(max = CersPulls.MAX_BATCH, message = "at most {max} emails in one request")
            List<@NotBlank(message = "an email is required") String> emails) {
    }

    @POST
    @Path("/cers/users/permissions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "CERS")
    @Operation(operationId = "getCersPermissionsOfMany",
            summary = "The RDW reporting permissions of up to 500 users at once, for a nightly sync (cers-service)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Responses.CersPermissionsBatch.class)))
    public Response cersBatch(@Valid BatchRequest request) {
        CersPulls.Batch batch = cers.permissions(Bodies.required(request).emails().stream()
                .map(Email::of).toList());
        return Response.ok(bodies.cersBatch(batch), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/cers/permission-changes")
    @Tag(name = "CERS")
    @Operation(operationId = "listPermissionChanges",
            summary = "Users whose effective permissions changed, in order; poll with after=nextCursor (cers-service)")
    public Responses.ChangeFeed changes(@QueryParam("after") String after, @QueryParam("limit") @PageLimit Integer limit) {
        return Responses.ChangeFeed.of(cers.changes(after, limit));
    }

    @GET
    @Path("/t4t/users/{email}/access")
    @Tag(name = "Tools for Teachers")
    @Operation(operationId = "getToolsForTeachersAccess", summary = "Whether a user may use Tools for Teachers (t4t-service)")
    @APIResponse(responseCode = "200", description = "The access; ETag names its version",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Responses.T4tAccess.class)))
    @APIResponse(responseCode = "304", description = NOT_MODIFIED)
    public CompletionStage<Response> t4t(@PathParam("email") String email, @Context Request request) {
        return toolsForTeachers.access(email).thenApply(document -> unlessUnchanged(document, request));
    }

    /**
     * The body with its version as ETag, or a bodiless 304 when the request's {@code If-None-Match} names that
     * version already: a consumer that keeps what it pulled re-reads only what changed. Runs where the document was
     * read, so it is given the request itself rather than the thread's.
     */
    private static Response unlessUnchanged(Pulled document, Request request) {
        EntityTag tag = new EntityTag(document.version());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        return (notModified != null ? notModified : Response.ok(document.body(), MediaType.APPLICATION_JSON))
                .tag(tag).build();
    }
}
