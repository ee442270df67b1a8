package org.tomsprov.app.consumers;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.tomsprov.domain.CersPermission;

/** Tools for Teachers (the Digital Library): whether a person may use it, with their DL_EndUser tenancy chains. */
@ApplicationScoped
public class ToolsForTeachersPulls {

    public static final Consumer CONSUMER = new Consumer("t4t-service", "Tools for Teachers",
            "Whether a person may use Tools for Teachers (t4t-service tokens)",
            "tools-for-teachers.yaml", "TOMS provisioning API for Tools for Teachers",
            "Whether a person may use Tools for Teachers, with their DL_EndUser tenancy chains, and the role and"
                    + " permission catalogs. Call with a bearer token whose groups claim holds t4t-service.",
            List.of("getToolsForTeachersAccess"));

    /** Whether a person may use Tools for Teachers, and the DL_EndUser tenancy chains. */
    public record T4tAccess(String email, boolean allowed, List<String> tenancyChains) {
    }

    private final PermissionPulls pulls;

    ToolsForTeachersPulls(PermissionPulls pulls) {
        this.pulls = pulls;
    }

    /** A user's Tools for Teachers document, once read (see {@link PermissionPulls#pull}). */
    public CompletionStage<Pulled> access(String email) {
        return pulls.pull(CONSUMER, email);
    }

    /** What Tools for Teachers reads of a user. */
    static T4tAccess view(ConsumerDocuments.Resolved user) {
        return new T4tAccess(user.email(), user.permissions().has(CersPermission.DL_EndUser),
                user.permissions().tenancyChains(CersPermission.DL_EndUser));
    }
}
