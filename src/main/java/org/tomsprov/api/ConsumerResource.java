package org.tomsprov.api;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tomsprov.app.consumers.CersPulls;
import org.tomsprov.app.consumers.ToolsForTeachersPulls;

/** What CERS and Tools for Teachers pull, with service-client tokens. */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class ConsumerResource {

    private final CersPulls cers;
    private final ToolsForTeachersPulls toolsForTeachers;

    ConsumerResource(CersPulls cers, ToolsForTeachersPulls toolsForTeachers) {
        this.cers = cers;
        this.toolsForTeachers = toolsForTeachers;
    }

    @GET
    @Path("/cers/users/{email}/permissions")
    @Tag(name = "CERS")
    @Operation(operationId = "getCersPermissions", summary = "A user's RDW reporting permissions (cers-service)")
    public Responses.CersPermissions cers(@PathParam("email") String email) {
        return Responses.CersPermissions.of(cers.permissions(email));
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
    public Responses.T4tAccess t4t(@PathParam("email") String email) {
        return Responses.T4tAccess.of(toolsForTeachers.access(email));
    }
}
