package org.tomsprov.persistence;

import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hibernate.Session;

/**
 * A query run straight on the session's connection, after flushing what the session holds: for statements that
 * bind arrays ({@code = any(?)}, one statement whatever the number of keys) and read rows without entities, and for
 * hot read paths, where Hibernate's handling of a native query (parsing its parameters, typing every column of every
 * row) cost more than the statement.
 */
final class Jdbc {

    /**
     * A {@code LIKE} pattern matching values that contain {@code text} literally, lower-cased as the database's
     * {@code lower()} does: {@code %}, {@code _} and the escape character itself stand for themselves.
     */
    static String containing(String text) {
        return "%" + literal(org.tomsprov.domain.CaseFolding.lower(text)) + "%";
    }

    /** A {@code LIKE} pattern matching values that start with {@code text} literally. */
    static String startingWith(String text) {
        return literal(text) + "%";
    }

    private static String literal(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Sets the statement's parameters; the connection makes arrays. */
    interface Binding {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    /** Reads the current row. */
    interface EachRow {
        void accept(ResultSet row) throws SQLException;
    }

    private Jdbc() {
    }

    /**
     * The query with named parameters ({@code :name}, as Hibernate takes them; {@code ::type} casts are left alone),
     * each bound as a positional one ({@link #positional}).
     */
    static void query(EntityManager em, String sql, Map<String, ?> parameters, EachRow each) {
        Positional statement = positional(sql, parameters);
        query(em, statement.sql(), (c, prepared) -> {
            for (int i = 0; i < statement.values().size(); i++) {
                prepared.setObject(i + 1, statement.values().get(i));
            }
        }, each);
    }

    /** A statement with positional parameters and their values, in order. */
    record Positional(String sql, List<Object> values) {
    }

    /**
     * Each named parameter becomes a {@code ?}, a collection as many as it has elements ({@code in (:ids)},
     * {@code array[:ids]}); a name without a value, or an empty collection, is a programming error.
     */
    static Positional positional(String sql, Map<String, ?> parameters) {
        List<Object> values = new ArrayList<>();
        Matcher named = NAMED.matcher(sql);
        StringBuilder positional = new StringBuilder();
        while (named.find()) {
            if (!parameters.containsKey(named.group(1))) {
                throw new IllegalArgumentException("no value for parameter " + named.group(1));
            }
            Object value = parameters.get(named.group(1));
            Collection<?> expanded = value instanceof Collection<?> many ? many : Collections.singletonList(value);
            if (expanded.isEmpty()) {
                throw new IllegalArgumentException("parameter " + named.group(1) + " is an empty collection");
            }
            named.appendReplacement(positional, String.join(", ", Collections.nCopies(expanded.size(), "?")));
            values.addAll(expanded);
        }
        named.appendTail(positional);
        return new Positional(positional.toString(), values);
    }

    private static final Pattern NAMED = Pattern.compile("(?<!:):([A-Za-z][A-Za-z0-9_]*)");

    /**
     * The condition that {@code column} equals one of {@code keys}: {@code column = ?} for one key, {@code column =
     * any(?)} (an array of {@code type}) for none or more. PostgreSQL plans a prepared statement with an array
     * parameter again at every execution, since its reusable plan assumes ten elements and so costs more than the plan
     * for the actual one: for the joins of a user's roles with their organizations' ancestry that planning took
     * 0.6-0.9 ms, against 0.05 ms to run the statement. With a scalar parameter the plan is made once per connection.
     */
    record AnyOf(String column, String type, Object[] keys) {

        String sql() {
            return keys.length == 1 ? column + " = ?" : column + " = any(?)";
        }

        void bind(Connection connection, PreparedStatement statement, int index) throws SQLException {
            statement.setObject(index, value(connection));
        }

        /** The statement's parameter: the key itself, or the array of them. */
        Object value(Connection connection) throws SQLException {
            return keys.length == 1 ? keys[0] : connection.createArrayOf(type, keys);
        }
    }

    static void query(EntityManager em, String sql, Binding binding, EachRow each) {
        em.flush();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                binding.bind(c, statement);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        each.accept(rows);
                    }
                }
            }
        });
    }

    /** Runs one statement that writes, on the session's connection, after flushing what the session holds. */
    static int update(EntityManager em, String sql, Binding binding) {
        em.flush();
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                binding.bind(c, statement);
                return statement.executeUpdate();
            }
        });
    }
}
