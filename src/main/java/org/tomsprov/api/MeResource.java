package org.tomsprov.api;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tomsprov.app.identity.MeService;

/** The calling person: profile, security forms, and what they may grant. */
@Path("/api/v1/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Me")
@SecurityRequirement(name = "bearer")
public class MeResource {

    private final MeService me;

    MeResource(MeService me) {
        this.me = me;
    }

    /** Which form to sign. */
    public record SignRequest(@NotNull(message = "type is required") MeService.AgreementType type) {
    }

    @GET
    @Operation(operationId = "getMe", summary = "Own profile, assignments, security forms and administrative scope")
    public Responses.Me get(@QueryParam("administrationYear")
            @Parameter(description = UserResource.YEAR_SHOWN, example = "2026-27") String administrationYear) {
        return Responses.Me.of(me.me(administrationYear));
    }

    @POST
    @Path("/security-agreements")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "signSecurityAgreement", summary = "Sign the Test Security Agreement or Affidavit for the current year")
    public Responses.SecurityAgreements sign(@Valid SignRequest request) {
        return Responses.SecurityAgreements.of(me.sign(Bodies.required(request).type() == null ? null : request.type().name()));
    }

    @GET
    @Path("/grantable-roles")
    @Operation(operationId = "listGrantableRoles", summary = "The roles the caller may grant at an organization")
    public Responses.Page<CatalogResource.RoleResponse> grantable(
            @QueryParam("orgCode") @NotNull(message = "orgCode is required") String orgCode) {
        List<CatalogResource.RoleResponse> roles = me.grantableRoles(orgCode).stream()
                .map(CatalogResource.RoleResponse::of).toList();
        return new Responses.Page<>(roles, null);
    }

}
