package org.tomsprov.app.users;

import java.util.List;

import org.tomsprov.domain.Email;
import org.tomsprov.domain.UserStatus;

/** What callers ask of the users feature. */
public final class Commands {

    private Commands() {
    }

    /**
     * One role to grant: role id or display name, organization code, the primary-coordinator mark, and the
     * administration year (null: the current one; or the upcoming one, prepared ahead of the transition).
     */
    public record GrantRole(String roleId, String orgCode, Boolean primary, String administrationYear) {
    }

    /** A person to create, or to add roles to when the email exists. */
    public record CreateUser(Email email, String firstName, String lastName, String phone, List<GrantRole> roles) {
    }

    /** Changes to a user's profile or status; null fields stay as they are. */
    public record ProfilePatch(Email email, String firstName, String lastName, String phone, boolean phoneSet,
            UserStatus status) {
    }
}
