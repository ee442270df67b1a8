package org.tomsprov.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import org.tomsprov.app.consumers.CersPulls;
import org.tomsprov.app.consumers.DocumentBodies;
import org.tomsprov.app.consumers.ToolsForTeachersPulls;

/** The consumers' bodies in their wire shapes ({@link Responses}), rendered with the service's own JSON settings. */
@ApplicationScoped
class ConsumerBodies implements DocumentBodies {

    private final ObjectMapper json;

    ConsumerBodies(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String cers(CersPulls.CersPermissions permissions) {
        return write(Responses.CersPermissions.of(permissions));
    }

    @Override
    public String toolsForTeachers(ToolsForTeachersPulls.T4tAccess access) {
        return write(Responses.T4tAccess.of(access));
    }

    /** A {@link Responses.CersPermissionsBatch} around stored CERS bodies, which are copied, not parsed. */
    String cersBatch(CersPulls.Batch batch) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeArrayFieldStart("items");
            for (String item : batch.items()) {
                generator.writeRawValue(item);
            }
            generator.writeEndArray();
            generator.writeFieldName("notFound");
            json.writeValue(generator, batch.notFound());
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a consumer body could not be written", e);
        }
    }
}
