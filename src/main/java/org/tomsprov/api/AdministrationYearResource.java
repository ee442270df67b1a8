package org.tomsprov.api;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tomsprov.app.years.AdministrationYearService;

/** The administration years, and the transition a state administrator runs in early July. */
@Path("/api/v1/administration-years")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration years")
@SecurityRequirement(name = "bearer")
public class AdministrationYearResource {

    private final AdministrationYearService years;

    AdministrationYearResource(AdministrationYearService years) {
        this.years = years;
    }

    @GET
    @Operation(operationId = "listAdministrationYears", summary = "The current and upcoming administration years, and earlier ones")
    public Responses.AdministrationYears list() {
        return Responses.AdministrationYears.of(years.list());
    }

    @POST
    @Path("/{year}/transition")
    @Operation(operationId = "transitionAdministrationYear",
            summary = "Make the upcoming year current for everyone (state administrator); dryRun=true previews who keeps, loses and gains access")
    public Responses.YearTransition transition(@PathParam("year") String year,
            @Parameter(description = "Count and change nothing") @QueryParam("dryRun") Boolean dryRun) {
        return Responses.YearTransition.of(years.transition(year, Boolean.TRUE.equals(dryRun)));
    }

    @POST
    @Path("/{year}/carry-forward")
    @Operation(operationId = "carryForwardRoles",
            summary = "Copy this year's roles you may grant into the upcoming year (all, or of one role, at or under one organization); dryRun=true counts")
    public Responses.CarryForward carryForward(@PathParam("year") String year,
            @Parameter(description = "Only this role (id or display name)") @QueryParam("role") String role,
            @Parameter(description = "Only roles at this organization or its schools (CDS code)") @QueryParam("orgCode") String orgCode,
            @Parameter(description = "Count and change nothing") @QueryParam("dryRun") Boolean dryRun) {
        return Responses.CarryForward.of(years.carryForward(year, role, orgCode, Boolean.TRUE.equals(dryRun)));
    }
}
