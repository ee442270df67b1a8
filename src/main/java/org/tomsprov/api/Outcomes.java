package org.tomsprov.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

import org.tomsprov.app.Outcome;

/** An application outcome as an HTTP response. */
final class Outcomes {

    private Outcomes() {
    }

    static Response response(Outcome outcome) {
        Response.ResponseBuilder response = Response.status(outcome.status()).entity(outcome.body())
                .type(MediaType.APPLICATION_JSON);
        if (outcome.location() != null) {
            response.location(URI.create(outcome.location()));
        }
        if (outcome.etag() != null) {
            response.header(HttpHeaders.ETAG, outcome.etag());
        }
        return response.build();
    }
}
