package org.tomsprov.api;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tomsprov.app.audit.AuditService;

/** The audit trail within the caller's scope. */
@Path("/api/v1/audit-events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@SecurityRequirement(name = "bearer")
public class AuditResource {

    private final AuditService audit;

    AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @Operation(operationId = "listAuditEvents", summary = "Audit events, oldest first; after is the cursor of the last page")
    public Responses.Page<Responses.AuditEvent> list(@QueryParam("userId") UUID userId, @QueryParam("orgCode") String orgCode,
            @QueryParam("after") String after, @QueryParam("limit") @PageLimit Integer limit) {
        return Responses.Page.of(audit.list(userId, orgCode, after, limit), Responses.AuditEvent::of);
    }
}
