package org.tomsprov.app.consumers;

import java.util.List;

/**
 * A system that pulls from this service with a service token: the token group that identifies its client (also
 * the tag of its pull metrics), the OpenAPI tag of its operations with the tag's description, and the OpenAPI
 * document cut for its integrators (file, title, description, and the operations of its own it carries beside
 * the catalogs).
 */
public record Consumer(String group, String tag, String tagDescription, String document, String title,
        String description, List<String> operations) {
}
