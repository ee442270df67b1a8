package org.tomsprov.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tomsprov.app.startup.DemoTokens;

/** Demo mode's token helper; 404 outside demo mode. */
@Path("/demo")
@Produces(MediaType.APPLICATION_JSON)
public class DemoResource {

    private final DemoTokens tokens;

    DemoResource(DemoTokens tokens) {
        this.tokens = tokens;
    }

    @GET
    @Path("/tokens")
    @Operation(hidden = true)
    public Map<String, String> all() {
        return tokens.all();
    }

    @GET
    @Path("/token")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public String forEmail(@QueryParam("email") String email) {
        return tokens.personToken(Bodies.required(email));
    }
}
