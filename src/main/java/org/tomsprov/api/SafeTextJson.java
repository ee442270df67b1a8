package org.tomsprov.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

import org.tomsprov.domain.SafeText;

/** Every string in a JSON request body passes {@link SafeText} as it is read; the problem names the field. */
@Singleton
public class SafeTextJson implements ObjectMapperCustomizer {

    /** A JSON string that {@link SafeText} refuses. */
    static final class UnsafeTextException extends InvalidFormatException {
        UnsafeTextException(JsonParser parser, String why, String value) {
            super(parser, why, value, String.class);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("safe-text").addDeserializer(String.class, new Deserializer()));
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
