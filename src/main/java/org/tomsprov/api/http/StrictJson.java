package org.tomsprov.api.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Optional;

import org.tomsprov.domain.SafeText;

/**
 * JSON request bodies as this API reads them: every string passes {@link SafeText} as it is read; a field given
 * twice in one object is refused rather than read as its last value (a proxy or a log reading the first would see
 * another request than the service); and a value is of its field's kind, a string where text goes and a number or
 * a boolean where those go, never one written as the other ({@code "firstName": 5}, {@code "primary": "true"}).
 * Each problem names the field.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** A JSON string that {@link SafeText} refuses. */
    public static final class UnsafeTextException extends InvalidFormatException {
        UnsafeTextException(JsonParser parser, String why, String value) {
            super(parser, why, value, String.class);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("safe-text").addDeserializer(String.class, new Deserializer()));
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
    }

    /**
     * The path of the field a parse failure stopped at, when it is a field given twice (Jackson reports those as
     * malformed JSON, wrapped when they are nested, with the field's name in its message alone): {@code roles[0].orgCode}.
     */
    public static Optional<String> repeatedField(JsonProcessingException failure) {
        JsonParseException e = failure instanceof JsonParseException parse ? parse
                : failure.getCause() instanceof JsonParseException parse ? parse : null;
        JsonParser parser = e == null ? null : e.getProcessor();
        if (parser == null || e.getOriginalMessage() == null
                || !e.getOriginalMessage().startsWith("Duplicate field '")) {
            return Optional.empty();
        }
        Deque<String> steps = new ArrayDeque<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            steps.push(c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
        }
        return Optional.of(path(steps));
    }

    /** A field's path from its steps, a name or an {@code [index]} each: {@code roles[0].orgCode}. */
    public static String path(Collection<String> steps) {
        return String.join(".", steps).replace(".[", "[");
    }

    private static final class Deserializer extends StdScalarDeserializer<String> {
        Deserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            var problem = SafeText.problem(value);
            if (problem.isPresent()) {
                throw new UnsafeTextException(parser, problem.get(), value);
            }
            return value;
        }
    }
}
