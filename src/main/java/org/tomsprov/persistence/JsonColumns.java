package org.tomsprov.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * How JSON columns (audit states) are written and read: a plain Jackson mapper of this package's own, not the one
 * the REST layer customizes, so a change to the wire format can never change what is stored.
 */
@JsonFormat
@PersistenceUnitExtension
@ApplicationScoped
public class JsonColumns implements FormatMapper {

    private final FormatMapper jackson = new JacksonJsonFormatMapper(new ObjectMapper());

    @Override
    public <T> T fromString(CharSequence text, JavaType<T> type, WrapperOptions options) {
        return jackson.fromString(text, type, options);
    }

    @Override
    public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
        return jackson.toString(value, type, options);
    }

    @Override
    public boolean supportsSourceType(Class<?> type) {
        return jackson.supportsSourceType(type);
    }

    @Override
    public boolean supportsTargetType(Class<?> type) {
        return jackson.supportsTargetType(type);
    }

    @Override
    public <T> void writeToTarget(T value, JavaType<T> type, Object target, WrapperOptions options) throws IOException {
        jackson.writeToTarget(value, type, target, options);
    }

    @Override
    public <T> T readFromSource(JavaType<T> type, Object source, WrapperOptions options) throws IOException {
        return jackson.readFromSource(type, source, options);
    }
}
