package org.tomsprov.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tomsprov.app.DemoTokens;

/** Demo mode's token helper; 404 outside demo mode. */
@Path("/demo")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Demo")
public class DemoResource {

    private final DemoTokens tokens;

    DemoResource(DemoTokens tokens) {
        this.tokens = tokens;
    }

    @GET
    @Path("/tokens")
    @Operation(operationId = "demoTokens", summary = "Tokens for every demo person and service client (demo mode only)")
    public Map<String, String> all() {
        return tokens.all();
    }

    @GET
    @Path("/token")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "demoToken", summary = "A token for any email (demo mode only)")
    public String forEmail(@QueryParam("email") String email) {
        return tokens.personToken(Bodies.required(email));
    }
}
