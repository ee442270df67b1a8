package org.tomsprov.api;

import java.util.List;

import org.tomsprov.app.ProblemException;
import org.tomsprov.domain.Violation;

/** Request bodies that must be present. */
public final class Bodies {

    private Bodies() {
    }

    public static <T> T required(T body) {
        if (body == null) {
            throw ProblemException.validation(List.of(new Violation("body", "REQUIRED", "a JSON body is required")));
        }
        return body;
    }
}
