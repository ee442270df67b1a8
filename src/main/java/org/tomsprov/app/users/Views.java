package org.tomsprov.app.users;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.tomsprov.domain.UserStatus;

/** What clients see of users and their assignments. */
public final class Views {

    private Views() {
    }

    /** A role assignment; {@code upcoming} when it is for the year after the current one and counts from the transition. */
    public record AssignmentView(UUID id, org.tomsprov.domain.Role roleId, String orgCode, String orgName,
            String administrationYear, boolean primary, boolean upcoming) {
    }

    /** A user, with the assignments the caller may see; {@code version} feeds the ETag. */
    public record UserView(UUID id, String email, String firstName, String lastName, String phone, UserStatus status,
            List<AssignmentView> roles, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        public String etag() {
            return "\"" + version + "\"";
        }
    }
}
