package org.tomsprov.app;

import java.util.List;

/** One page of a list and the opaque cursor of the next, null at the end. */
public record Page<T>(List<T> items, String nextCursor) {
}
