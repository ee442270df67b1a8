package org.tomsprov.persistence;

import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.hibernate.Session;

/**
 * A query run straight on the session's connection, after flushing what the session holds: for statements that
 * bind arrays ({@code = any(?)}, one statement whatever the number of keys) and read rows without entities.
 */
final class Jdbc {

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
}
