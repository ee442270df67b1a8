package org.tomsprov.api.http;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.domain.CdsCodes;

/**
 * Path and query parameters of a type (UUID, number, boolean, enumeration) that a value does not fit, and text
 * parameters written to a pattern (years, CDS codes) that a value does not match, are a 400 naming the parameter
 * and what it takes, where JAX-RS would answer 404 or read {@code dryRun=ture} as false. The patterns are
 * {@link #writtenAs}, which the OpenAPI documents declare.
 */
@Provider
public class StrictParameters implements ParamConverterProvider {

    /** A parameter whose value does not fit its type, and the field error code that says so. */
    public static final class InvalidParameterException extends BadRequestException {
        public final String parameter;
        public final String expected;
        public final String code;

        InvalidParameterException(String parameter, String expected, String code) {
            super(parameter + " must be " + expected);
            this.parameter = parameter;
            this.expected = expected;
            this.code = code;
        }
    }

    /** A way of writing a value: its pattern, the words for it, and the field error code of a value that misses it. */
    public record Written(String pattern, String expected, String code) {
    }

    private static final String WHOLE_NUMBER = "a whole number";

    private static final Written YEAR = new Written(AdministrationYear.WRITTEN,
            "an administration year written like 2026-27", "INVALID_YEAR");
    private static final Written CDS_CODE = new Written(CdsCodes.WRITTEN, "a CDS code: 14 digits, or CA for the state",
            "INVALID_CDS_CODE");

    /**
     * How a request's parameter or JSON field of this name is written, when the service checks it against a
     * pattern; null when it does not. The OpenAPI documents declare these patterns from here.
     */
    public static Written writtenAs(String name) {
        return switch (name) {
            case "administrationYear", "year" -> YEAR;
            case "orgCode", "parentCode", "code" -> CDS_CODE;
            default -> null;
        };
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = nameOf(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) converter(name, "a UUID", UUID::fromString);
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) converter(name, WHOLE_NUMBER, Integer::valueOf);
        }
        if (rawType == Boolean.class) {
            return (ParamConverter<T>) converter(name, "true or false", StrictParameters::bool);
        }
        if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            String values = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            return (ParamConverter<T>) converter(name, "one of " + values, v -> Enum.valueOf(type, v));
        }
        Written written = writtenAs(name);
        if (rawType == String.class && written != null) {
            Pattern pattern = Pattern.compile(written.pattern());
            return (ParamConverter<T>) converter(name, written.expected(), written.code(), value -> {
                if (!pattern.matcher(value).matches()) {
                    throw new IllegalArgumentException(value);
                }
                return value;
            });
        }
        return null;
    }

    private static Boolean bool(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value);
        }
        throw new IllegalArgumentException(value);
    }

    private static <T> ParamConverter<T> converter(String name, String expected, Function<String, T> parse) {
        return converter(name, expected, "INVALID_PARAMETER", parse);
    }

    private static <T> ParamConverter<T> converter(String name, String expected, String code, Function<String, T> parse) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return parse.apply(value.trim());
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameterException(name, expected.equals(WHOLE_NUMBER)
                            && value.trim().matches("[+-]?[0-9]+")
                            ? expected + " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE : expected, code);
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }

    private static String nameOf(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof PathParam p) {
                return p.value();
            }
        }
        return null;
    }
}
