package org.tomsprov.app.users;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tomsprov.domain.UserStatus;

/** What clients see of users and their assignments. */
public final class Views {

    private Views() {
    }

    /** A role assignment. */
    public record AssignmentView(UUID id, org.tomsprov.domain.Role roleId,
            @Schema(example = "19647331930002") String orgCode, @Schema(example = "2026-27") String administrationYear,
            boolean primary) {
    }

    /** A user, with the assignments the caller may see; {@code version} feeds the ETag. */
    public record UserView(UUID id, @Schema(format = "email", example = "pat.lee@example.org") String email,
            @Schema(example = "Pat") String firstName, @Schema(example = "Lee") String lastName,
            @Schema(nullable = true, example = "916-555-0100 x12") String phone, UserStatus status,
            List<AssignmentView> roles, @JsonIgnore long version) {

        public String etag() {
            return "\"" + version + "\"";
        }
    }
}
