package org.tomsprov.app;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.util.List;

/** One page of a list and the opaque cursor of the next, null at the end. */
public record Page<T>(List<T> items,
        @Schema(nullable = true, description = "Pass as cursor= for the next page; null on the last page") String nextCursor) {
}
