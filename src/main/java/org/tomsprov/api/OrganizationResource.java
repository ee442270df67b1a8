package org.tomsprov.api;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.net.URI;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tomsprov.api.Responses.OrganizationView;
import org.tomsprov.api.Responses.Page;
import org.tomsprov.app.organizations.OrganizationImportService;
import org.tomsprov.app.organizations.OrganizationService;
import org.tomsprov.domain.CdsCodes;
import org.tomsprov.domain.OrgType;

/** The organization directory: the state, LEAs and schools by CDS code. */
@Path("/api/v1/organizations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Organizations")
@SecurityRequirement(name = "bearer")
public class OrganizationResource {

    private final OrganizationService organizations;
    private final OrganizationImportService imports;

    OrganizationResource(OrganizationService organizations, OrganizationImportService imports) {
        this.organizations = organizations;
        this.imports = imports;
    }

    /** A new organization. */
    public record CreateOrganizationRequest(
            @Schema(example = "19647330000000", description = "The CDS code: 14 digits, or CA for the state")
            @NotBlank(message = "a CDS code is required") String code,
            @Schema(maxLength = CdsCodes.MAX_NAME) @NotBlank(message = "a name is 1 to 200 characters") String name,
            @NotNull(message = "type is STATE, LEA or SCHOOL") OrgType type,
            @Schema(description = "The parent's CDS code: CA for an LEA, the LEA's for a school") String parentCode) {
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getOrganization", summary = "One organization by CDS code (a charter is an LEA and a school: pick with type)")
    public OrganizationView get(@PathParam("code") String code, @QueryParam("type") OrgType type) {
        return OrganizationView.of(organizations.get(code, type));
    }

    @GET
    @Operation(operationId = "listOrganizations", summary = "Organizations, filtered by parent, type or name/code text")
    public Page<OrganizationView> list(@QueryParam("parentCode") String parentCode, @QueryParam("type") OrgType type,
            @QueryParam("q") @Parameter(allowEmptyValue = true,
                    description = "Text the code or name contains; empty matches every organization") String q,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @PageLimit Integer limit) {
        return Page.of(organizations.list(parentCode, type, q, cursor, limit), OrganizationView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createOrganization", summary = "Create an organization (state administrators)")
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganizationView.class)))
    @Idempotent
    public Response create(@Valid CreateOrganizationRequest request,
            @HeaderParam(IdempotencyInterceptor.HEADER) String idempotencyKey) {
        Bodies.required(request);
        OrganizationView created = OrganizationView.of(organizations.create(new OrganizationService.CreateOrganization(
                request.code(), request.name(), request.type(), request.parentCode())));
        return Response.created(URI.create("/api/v1/organizations/" + created.code() + "?type=" + created.type()))
                .entity(created).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/imports")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(operationId = "importOrganizations",
            summary = "Load the directory from CSV (CDS Code, Name, Type, Parent CDS Code[, Status]); all rows or none")
    public OrganizationImportService.ImportResult importCsv(InputStream csv) {
        return imports.importCsv(csv);
    }
}
