package org.tomsprov.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Optional;

import org.apache.commons.codec.digest.DigestUtils;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.tomsprov.app.IdempotencyService;
import org.tomsprov.app.identity.CallerContext;

/**
 * {@code Idempotency-Key} on creating {@code POST}s: a retry with the same key, target and body gets the first
 * response again (status, {@code Location}, body); the same key with another request is a 422. The check, the
 * action and the record of its response share one transaction, so every instance on the database honours them
 * and a response is remembered exactly when its effects are committed. Without the header the action simply runs.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class IdempotencyInterceptor {

    public static final String HEADER = "Idempotency-Key";

    @Inject
    HttpHeaders headers;
    @Inject
    UriInfo uri;
    @Inject
    Request request;
    @Inject
    CallerContext caller;
    @Inject
    IdempotencyService records;
    @Inject
    ObjectMapper json;

    @AroundInvoke
    Object once(InvocationContext invocation) throws Exception {
        String key = headers.getHeaderString(HEADER);
        if (key == null) {
            return invocation.proceed();
        }
        String fingerprint = fingerprint(invocation.getParameters());
        return QuarkusTransaction.joiningExisting().call(() -> {
            Optional<IdempotencyService.StoredResponse> replay = records.replay(caller.name(), key, fingerprint);
            if (replay.isPresent()) {
                IdempotencyService.StoredResponse first = replay.get();
                Response.ResponseBuilder again = Response.status(first.status()).entity(first.body())
                        .type(MediaType.APPLICATION_JSON);
                return (first.location() == null ? again : again.location(URI.create(first.location()))).build();
            }
            Response response = (Response) invocation.proceed();
            records.remember(caller.name(), key, fingerprint, new IdempotencyService.StoredResponse(response.getStatus(),
                    response.getLocation() == null ? null : response.getLocation().toString(), toJson(response.getEntity())));
            return response;
        });
    }

    /** What the request targets and carries: method, path and every argument (files by their content's digest). */
    private String fingerprint(Object[] arguments) throws JsonProcessingException {
        StringBuilder text = new StringBuilder(request.getMethod()).append(' ').append(uri.getPath());
        for (Object argument : arguments) {
            text.append('\n');
            if (argument instanceof byte[] bytes) {
                text.append(DigestUtils.sha256Hex(bytes));
            } else if (argument instanceof FileUpload file) {
                text.append(file.fileName()).append(':').append(digest(file));
            } else {
                text.append(json.writeValueAsString(argument));
            }
        }
        return DigestUtils.sha256Hex(text.toString());
    }

    private static String digest(FileUpload file) {
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            return DigestUtils.sha256Hex(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String toJson(Object entity) throws JsonProcessingException {
        return entity instanceof String text ? text : json.writeValueAsString(entity);
    }
}
