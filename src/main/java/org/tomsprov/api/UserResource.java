package org.tomsprov.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tomsprov.domain.Email;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.users.Commands;
import org.tomsprov.app.users.CreateUsers;
import org.tomsprov.app.users.EditUsers;
import org.tomsprov.app.users.Precondition;
import org.tomsprov.app.users.ReadUsers;
import org.tomsprov.app.users.UserRoles;
import org.tomsprov.app.users.Views;
import org.tomsprov.api.Responses.AssignmentView;
import org.tomsprov.api.Responses.Page;
import org.tomsprov.api.Responses.UserView;
import org.tomsprov.domain.EffectivePermissions;
import org.tomsprov.domain.PermissionScope;
import org.tomsprov.domain.PersonRules;
import org.tomsprov.domain.SafeText;
import org.tomsprov.domain.UserStatus;
import org.tomsprov.domain.Violation;

/** Users and their role assignments, for administrators within their scope. */
@Path("/api/v1/users")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
@SecurityRequirement(name = "bearer")
public class UserResource {

    private static final String PHONE = "The work phone, " + PersonRules.PHONE_FORMS + "; kept and answered as"
            + " 916-555-0100 x1234";

    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String YEAR_SHOWN = "Show this administration year's roles alone (earlier years are history); by default"
            + " the current year's and the upcoming year's, marked upcoming";
    private static final Set<String> PATCHABLE = Set.of("email", "firstName", "lastName", "phone", "status");

    private final CreateUsers creating;
    private final ReadUsers reading;
    private final EditUsers editing;
    private final UserRoles roles;

    UserResource(CreateUsers creating, ReadUsers reading, EditUsers editing, UserRoles roles) {
        this.creating = creating;
        this.reading = reading;
        this.editing = editing;
        this.roles = roles;
    }

    /** One role to grant. {@code primary} marks the LEA's primary coordinator for that program. */
    public record GrantRequest(
            @Schema(description = "Role id, or its display name in any dash, spacing or case", example = "EDUCATOR_ROSTER")
            @NotBlank(message = "a role is required") String roleId,
            @Schema(description = "CDS code of the organization, CA for the state. It must be of the role's level"
                    + " (GET /api/v1/roles/{roleId} says which: a school's code for a school role, an LEA's for an LEA"
                    + " role, CA for the state's), or the grant is a 422 ROLE_LEVEL_MISMATCH", example = "19647331930002")
            @NotBlank(message = "an organization code is required") String orgCode,
            @Schema(nullable = true, description = "Primary coordinator mark, for the LEA coordinator roles only (else a"
                    + " 422 PRIMARY_NOT_ALLOWED); an LEA has one primary of each of those roles a year (else a 409"
                    + " PRIMARY_EXISTS)") Boolean primary,
            @Schema(nullable = true, example = "2027-28", description = "The current administration year (the default),"
                    + " or the upcoming one: the role counts from the transition on") String administrationYear) {
        Commands.GrantRole command() {
            return new Commands.GrantRole(roleId, orgCode, primary, administrationYear);
        }
    }

    /** A person with the roles to grant them. */
    public record CreateUserRequest(
            @Schema(format = "email", maxLength = PersonRules.MAX_EMAIL, example = "pat.lee@example.org")
            @NotNull(message = "an email address is required") String email,
            @Schema(minLength = 1, maxLength = PersonRules.MAX_NAME, pattern = "\\S", example = "Pat")
            @NotNull(message = "first name is required") String firstName,
            @Schema(minLength = 1, maxLength = PersonRules.MAX_NAME, pattern = "\\S", example = "Lee")
            @NotNull(message = "last name is required") String lastName,
            @Schema(nullable = true, maxLength = PersonRules.MAX_PHONE, example = "(916) 555-0100",
                    description = PHONE) String phone,
            @Schema(minItems = 1, maxItems = MAX_ROLES)
            @NotNull(message = "at least one role is required")
            @Size(max = MAX_ROLES, message = "at most {max} roles in one request") List<@Valid GrantRequest> roles) {

        /** The most roles one request may grant; more is a 400 before any work. */
        public static final int MAX_ROLES = 50;
    }

    /** A user's effective permissions in the current administration year. */
    public record EffectivePermissionsResponse(UUID userId, @Schema(format = "email") String email, UserStatus status,
            @Schema(example = "2026-27") String administrationYear,
            Map<String, PermissionScope> permissions, List<String> tenancyChains) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUser", summary = "Create a user with roles, or add roles to the user with that email")
    @APIResponse(responseCode = "201", description = "A new user",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "200", description = "The email existed: the roles were added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @Idempotent
    public Response create(@Valid CreateUserRequest request, @HeaderParam(IdempotencyInterceptor.HEADER) String idempotencyKey) {
        Bodies.required(request);
        List<Commands.GrantRole> roles = request.roles() == null ? null
                : request.roles().stream().map(r -> r == null ? new Commands.GrantRole(null, null, null, null) : r.command()).toList();
        CreateUsers.Result result = creating.create(new Commands.CreateUser(Email.ofNullable(request.email()), request.firstName(),
                request.lastName(), request.phone(), roles));
        Views.UserView user = result.user();
        return (result.created() ? Response.created(URI.create("/api/v1/users/" + user.id())) : Response.ok())
                .entity(UserView.of(user)).type(MediaType.APPLICATION_JSON).header(HttpHeaders.ETAG, user.etag()).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getUser", summary = "A user within the caller's scope, with the roles the caller may see")
    @APIResponse(responseCode = "200", description = "The user",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    public Response get(@PathParam("id") UUID id,
            @QueryParam("administrationYear") @Parameter(description = YEAR_SHOWN, example = "2026-27") String administrationYear) {
        return withEtag(reading.get(id, administrationYear));
    }

    @GET
    @Operation(operationId = "listUsers", summary = "Users with a role in the caller's scope, for the current or upcoming year"
            + " unless a year is named")
    public Page<UserView> list(@QueryParam("orgCode") String orgCode, @QueryParam("roleId") String roleId,
            @QueryParam("status") UserStatus status,
            @QueryParam("q") @Parameter(allowEmptyValue = true,
                    description = "Text the email or name contains; empty matches everyone") String q,
            @QueryParam("email") String email,
            @QueryParam("administrationYear") @Parameter(description = YEAR_SHOWN, example = "2026-27") String administrationYear,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @PageLimit Integer limit) {
        return Page.of(reading.list(new ReadUsers.Filter(orgCode, roleId, status, q, Email.ofNullable(email),
                administrationYear), cursor, limit), UserView::of);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(operationId = "patchUser", summary = "Edit profile or status (JSON merge patch)")
    @RequestBody(content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = UserPatch.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserPatch.class))})
    @APIResponse(responseCode = "200", description = "The user after the change",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    public Response patch(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, JsonNode body) {
        return withEtag(editing.patch(id, ifMatch(ifMatch), toPatch(body)));
    }

    /** The fields a merge patch may carry; absent fields stay, {@code phone: null} removes the phone. */
    public record UserPatch(@Schema(format = "email", maxLength = PersonRules.MAX_EMAIL) String email,
            @Schema(minLength = 1, maxLength = PersonRules.MAX_NAME, pattern = "\\S") String firstName,
            @Schema(minLength = 1, maxLength = PersonRules.MAX_NAME, pattern = "\\S") String lastName,
            @Schema(nullable = true, maxLength = PersonRules.MAX_PHONE, description = PHONE + "; null removes it")
            String phone,
            UserStatus status) {
    }

    @POST
    @Path("/{id}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "grantRole", summary = "Grant one role")
    @APIResponse(responseCode = "201", description = "Granted",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssignmentView.class)))
    @Idempotent
    public Response grant(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, GrantRequest request,
            @HeaderParam(IdempotencyInterceptor.HEADER) String idempotencyKey) {
        AssignmentView assignment = AssignmentView.of(roles.grant(id, ifMatch(ifMatch), Bodies.required(request).command()));
        return Response.created(URI.create("/api/v1/users/" + id + "/roles/" + assignment.id())).entity(assignment)
                .type(MediaType.APPLICATION_JSON).build();
    }

    @DELETE
    @Path("/{id}/roles/{assignmentId}")
    @Operation(operationId = "revokeRole", summary = "Revoke one role assignment")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Response revoke(@PathParam("id") UUID id, @PathParam("assignmentId") UUID assignmentId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        roles.revoke(id, assignmentId, ifMatch(ifMatch));
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/effective-permissions")
    @Operation(operationId = "getEffectivePermissions", summary = "Effective CERS permissions and tenancy chains, within the caller's scope")
    public EffectivePermissionsResponse effective(@PathParam("id") UUID id) {
        ReadUsers.UserPermissions user = reading.effectivePermissions(id);
        EffectivePermissions effective = user.permissions();
        Map<String, PermissionScope> permissions = new TreeMap<>();
        effective.permissions().forEach((p, scope) -> permissions.put(p.id(), scope));
        return new EffectivePermissionsResponse(user.userId(), user.email(), effective.status(), effective.year().toString(),
                permissions, effective.tenancyChains());
    }

    private static Response withEtag(Views.UserView user) {
        return Response.ok(UserView.of(user)).header(HttpHeaders.ETAG, user.etag()).build();
    }

    private static Precondition ifMatch(String header) {
        return IfMatch.of(header, version -> "the user changed since you read it; read it again and retry with the"
                + " new ETag");
    }

    private static Commands.ProfilePatch toPatch(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw ProblemException.validation(List.of(new Violation("body", "INVALID_BODY", "a JSON object is required")));
        }
        List<Violation> errors = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode value = object.get(name);
            if (!PATCHABLE.contains(name)) {
                errors.add(new Violation(name, "UNKNOWN_FIELD", "this field cannot be patched"));
            } else if (!value.isTextual() && !(value.isNull() && name.equals("phone"))) {
                errors.add(new Violation(name, "INVALID_VALUE", name.equals("phone")
                        ? "phone is a string, or null to remove it" : name + " is a string"));
            } else if (value.isTextual()) {
                SafeText.check(name, value.asText()).ifPresent(errors::add);
            }
        }
        UserStatus status = null;
        if (object.hasNonNull("status") && object.get("status").isTextual()) {
            String text = object.get("status").asText();
            if (text.equals("ACTIVE") || text.equals("INACTIVE")) {
                status = UserStatus.valueOf(text);
            } else {
                errors.add(new Violation("status", "INVALID_VALUE", "status is ACTIVE or INACTIVE"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new Commands.ProfilePatch(Email.ofNullable(text(object, "email")), text(object, "firstName"), text(object, "lastName"),
                text(object, "phone"), object.has("phone"), status);
    }

    private static String text(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
