package org.tomsprov.api;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tomsprov.app.ProblemException;
import org.tomsprov.domain.CersPermission;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.ReportingPermission;
import org.tomsprov.domain.Role;

/** The role and permission catalogs, for anyone authenticated. */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog")
@SecurityRequirement(name = "bearer")
public class CatalogResource {

    /** A TOMS role and the CERS / Tools for Teachers permissions it carries. */
    public record RoleResponse(Role id, String name, OrgType level, boolean siteBased, List<CersPermission> permissions) {
        static RoleResponse of(Role role) {
            return new RoleResponse(role, role.displayName(), role.level(), role.siteBased(), role.permissions());
        }
    }

    /** A CERS permission and the RDW reporting permissions it expands to. */
    public record PermissionResponse(CersPermission id,
            @Schema(description = "The name as the CAASPP guide writes it", example = "Custom Aggregate Reporter") String name,
            String description,
            @Schema(description = "How a tenancy chain spells it: exactly RDW's reporting role, or the Digital Library's DL_EndUser",
                    example = "CUSTOM_AGGREGATE_REPORTER") String tenancyToken,
            List<ReportingPermission> reportingPermissions) {
    }

    @GET
    @Path("/roles")
    @Operation(operationId = "listRoles", summary = "The TOMS role catalog")
    public Responses.Page<RoleResponse> roles() {
        return new Responses.Page<>(Arrays.stream(Role.values()).map(RoleResponse::of).toList(), null);
    }

    @GET
    @Path("/roles/{roleId}")
    @Operation(operationId = "getRole", summary = "One role, by id or display name")
    public RoleResponse role(@PathParam("roleId") String roleId) {
        return Role.parse(roleId).map(RoleResponse::of)
                .orElseThrow(() -> ProblemException.notFound("ROLE_NOT_FOUND", "no role is called " + roleId));
    }

    @GET
    @Path("/permissions")
    @Operation(operationId = "listPermissions", summary = "The CERS permission catalog")
    public Responses.Page<PermissionResponse> permissions() {
        return new Responses.Page<>(Arrays.stream(CersPermission.values())
                .map(p -> new PermissionResponse(p, p.displayName(), p.description(), p.tenancyToken(),
                        p.reportingPermissions())).toList(), null);
    }
}
