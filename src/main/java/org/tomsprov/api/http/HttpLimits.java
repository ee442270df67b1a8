package org.tomsprov.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.UUID;

import org.tomsprov.api.Problem;
import org.tomsprov.api.scim.ScimErrors;
import org.tomsprov.api.scim.ScimJson;
import org.tomsprov.app.RequestIds;
import org.tomsprov.config.TomsConfig;

/**
 * The limits of a request that the HTTP layer enforces before any resource runs, answered with a problem like every
 * other error: a body over the upload limit (413), a request line over {@value #MAX_URI} characters (414), headers
 * over {@value #MAX_HEADERS} bytes together (431), two Authorization headers (400: which token counts would depend
 * on who reads the request, a proxy or this service). The server's own hard limits (request line 64 KB, headers
 * 256 KB) lie beyond these, for requests no client sends by mistake.
 */
@ApplicationScoped
public class HttpLimits {

    static final int MAX_URI = 8192;
    static final int MAX_HEADERS = 32768;

    private final long maxBody;
    private final ObjectMapper json;

    HttpLimits(TomsConfig config, ObjectMapper json) {
        this.maxBody = config.upload().maxBytes();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > MAX_URI) {
            refuse(context, 414, "URI_TOO_LONG", "URI Too Long",
                    "the request line is longer than " + MAX_URI + " characters");
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > MAX_HEADERS) {
            refuse(context, 431, "HEADERS_TOO_LARGE", "Request Header Fields Too Large",
                    "the request's headers are larger than " + MAX_HEADERS + " bytes together");
            return;
        }
        if (request.headers().getAll("Authorization").size() > 1) {
            refuse(context, 400, "AMBIGUOUS_CREDENTIALS", "Bad Request",
                    "the request has more than one Authorization header; send one token");
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                && Long.parseLong(length) > maxBody) {
            boolean upload = request.path().startsWith("/api/v1/uploads");
            refuse(context, 413, upload ? "FILE_TOO_LARGE" : "PAYLOAD_TOO_LARGE", "Payload Too Large",
                    (upload ? "the file is" : "the request body is") + " larger than " + maxBody + " bytes"
                            + (upload ? "; split it" : ""));
            return;
        }
        context.next();
    }

    private void refuse(RoutingContext context, int status, String code, String title, String detail) {
        String requestId = UUID.randomUUID().toString();
        Problem problem = Problem.of(status, code, title, detail, requestId, null);
        boolean scim = context.request().path() != null && context.request().path().startsWith("/scim/");
        String body;
        try {
            body = json.writeValueAsString(scim ? ScimErrors.of(problem) : problem);
        } catch (JsonProcessingException e) {
            body = "{}";
        }
        context.response().setStatusCode(status).putHeader("Content-Type", scim ? ScimJson.MEDIA_TYPE : Problem.MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, requestId).putHeader("Connection", "close").end(body);
    }
}
