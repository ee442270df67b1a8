package org.tomsprov.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import jakarta.inject.Inject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.Api;
import org.tomsprov.testdata.DocumentedRequests;
import org.tomsprov.testdata.DocumentedRequests.Broken;
import org.tomsprov.testdata.DocumentedRequests.Request;
import org.tomsprov.testdata.OpenApiDocuments;
import org.tomsprov.testdata.Tokens;
import org.tomsprov.testdata.Uploads;
import org.tomsprov.testdata.World;

/**
 * The committed OpenAPI document held to the service, as an integrator's generated client meets it: for every
 * operation, a request built from the document alone (required parameters and properties, real ids and codes
 * where the schema cannot give one) is one the document's own validator calls valid and the service does not
 * refuse as malformed (no 400, 415 or 422); and for every constraint the document declares (required,
 * additionalProperties, pattern, lengths, bounds, item counts, enums, formats, types, at any depth), one request
 * breaking only it is one the validator calls invalid and the service answers 400 or 422 with a problem naming
 * what was wrong. No answer is a 5xx, and every answer is one the document describes (the suite's contract
 * filter). {@link FuzzTest} sends random hostile requests over the same operations.
 */
@QuarkusTest
class DocumentContractTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Answers that say "understood, but not here or not now": not a disagreement about the request's form. */
    private static final Set<Integer> UNDERSTOOD = Set.of(403, 404, 409, 412);

    @Inject
    World world;

    World.Lea lea;
    String admin;
    String current;
    String upcoming;

    @BeforeEach
    void district() {
        world.state();
        lea = world.lea(2);
        admin = world.admin(Role.STATE_ADMINISTRATOR, "CA");
        Response years = Api.as(admin).when().get("/api/v1/administration-years").then().statusCode(200).extract().response();
        current = years.path("current");
        upcoming = years.path("upcoming");
    }

    @Test
    void everyOperationAcceptsWhatItsDocumentCallsValidAndRefusesEachConstraintItDeclaresBroken() {
        OpenAPI document = FuzzTest.document();
        DocumentedRequests requests = new DocumentedRequests(document);
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForSpecificationUrl(OpenApiDocuments.FULL.toAbsolutePath().toUri().toString()).build();
        List<String> disagreements = new ArrayList<>();
        Map<String, Integer> broken = new TreeMap<>();
        int operations = 0;
        for (Map.Entry<String, PathItem> path : document.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                operations++;
                String label = entry.getKey() + " " + path.getKey();
                Subject subject = subject(path.getKey());
                Request valid = requests.valid(entry.getKey().name(), path.getKey(), entry.getValue(), fixture(subject),
                        this::rawBody);
                List<String> complaints = judged(validator, valid);
                if (!complaints.isEmpty()) {
                    disagreements.add(label + ": the request built as valid is not valid by the document: " + complaints);
                }
                Response answer = send(valid, subject);
                if (answer.statusCode() >= 300 && !UNDERSTOOD.contains(answer.statusCode())) {
                    disagreements.add(label + ": valid by the document, answered " + answer.statusCode() + " "
                            + answer.asString());
                }
                for (Broken b : requests.broken(entry.getValue(), valid)) {
                    broken.merge(b.constraint(), 1, Integer::sum);
                    String what = label + ": " + b.constraint() + " of " + b.where() + " " + b.name();
                    Subject fresh = subject(path.getKey());
                    Request request = rebased(b.request(), subject, fresh);
                    if (request.mediaType() == null || request.json() != null || !request.hasBody()) {
                        if (judged(validator, request).isEmpty()) {
                            disagreements.add(what + ": the document's validator finds nothing wrong with " + request);
                        }
                    }
                    Response refused = send(request, fresh);
                    String text = refused.asString();
                    if (refused.statusCode() != 400 && refused.statusCode() != 422) {
                        disagreements.add(what + ": answered " + refused.statusCode() + " " + text);
                    } else if (!refused.contentType().startsWith(path.getKey().startsWith("/scim/")
                            ? "application/scim+json" : "application/problem+json")) {
                        disagreements.add(what + ": answered as " + refused.contentType());
                    } else if (!b.name().equals("body") && !text.contains(leaf(b.name()))) {
                        disagreements.add(what + ": the problem does not name " + leaf(b.name()) + ": " + text);
                    }
                }
            }
        }
        int constraints = broken.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("Document contract: %d operations, %d valid requests, %d declared constraints broken one at"
                + " a time (%s)%n", operations, operations, constraints, broken);
        assertThat(disagreements).as("where the document and the service disagree").isEmpty();
        assertThat(operations).isGreaterThanOrEqualTo(47);
        assertThat(constraints).isGreaterThan(150);
    }

    /** The people and things an operation's path names, made afresh for each request so one cannot spoil another. */
    record Subject(String email, UUID id, UUID assignment, String upload, String group) {
    }

    Subject subject(String template) {
        if (!template.contains("{")) {
            return new Subject(null, null, null, null, null);
        }
        String email = World.email("contract");
        UUID id = world.person(email, Role.EDUCATOR_ROSTER, lea.school(0), false);
        String assignment = Api.as(admin).when().get("/api/v1/users/" + id).then().statusCode(200).extract()
                .path("roles[0].id");
        String upload = template.startsWith("/api/v1/uploads/{") ? Uploads.csv(admin, rawCsv(World.email("upload")))
                : null;
        String group = template.startsWith("/scim/v2/Groups/{") ? "EDUCATOR_ROSTER@" + lea.school(0) : null;
        return new Subject(email, id, UUID.fromString(assignment), upload, group);
    }

    /** The valid request's references to its subject, moved to a fresh one. */
    static Request rebased(Request request, Subject from, Subject to) {
        if (from.id() == null) {
            return request;
        }
        Map<String, String> path = new java.util.LinkedHashMap<>();
        request.path().forEach((name, value) -> path.put(name, value.replace(from.id().toString(), to.id().toString())
                .replace(from.email(), to.email()).replace(from.assignment().toString(), to.assignment().toString())
                .replace(String.valueOf(from.upload()), String.valueOf(to.upload()))));
        return new Request(request.method(), request.template(), path, request.query(), request.headers(),
                request.mediaType(), request.json(), request.bytes(), request.part());
    }

    /** What the schemas cannot say: real people, codes and years, and the values that keep a request harmless. */
    DocumentedRequests.Fixture fixture(Subject subject) {
        return key -> Optional.ofNullable(switch (key) {
            case "year" -> JSON.textNode(upcoming);
            case "administrationYear" -> JSON.textNode(current);
            case "dryRun" -> JSON.booleanNode(true);
            case "orgCode", "code", "GrantRequest.orgCode" -> JSON.textNode(lea.school(0));
            case "parentCode", "CreateOrganizationRequest.parentCode" -> JSON.textNode(lea.code());
            case "role", "roleId" -> JSON.textNode(Role.EDUCATOR_ROSTER.name());
            case "GrantRequest.roleId" -> JSON.textNode(Role.EDUCATOR_TEST_SITE.name());
            case "userId", "id" -> subject.id() == null ? null : JSON.textNode(subject.upload() != null
                    ? subject.upload() : subject.group() != null ? subject.group() : subject.id().toString());
            case "ScimNewGroup.displayName" -> JSON.textNode("EDUCATOR_ROSTER@" + lea.school(0));
            case "assignmentId" -> subject.id() == null ? null : JSON.textNode(subject.assignment().toString());
            case "email" -> subject.id() == null ? null : JSON.textNode(subject.email());
            case "CreateUserRequest.email", "ScimUserReplacement.userName", "ScimNewUser.userName" -> JSON.textNode(World.email("contract-new"));
            case "CreateUserRequest.firstName", "UserPatch.firstName" -> JSON.textNode("Pat");
            case "CreateUserRequest.lastName" -> JSON.textNode("Lee");
            case "CreateOrganizationRequest.code" -> JSON.textNode(freshSchoolCode());
            case "CreateOrganizationRequest.name" -> JSON.textNode("Contract Academy");
            case "CreateOrganizationRequest.type" -> JSON.textNode("SCHOOL");
            case "BatchRequest.emails" -> JSON.arrayNode().add(World.email("someone"));
            case "ScimNewUser.roles" -> JSON.arrayNode().add(JSON.objectNode().put("value",
                    Role.EDUCATOR_ROSTER.name() + "@" + lea.school(0)));
            case "resourceTypeId" -> JSON.textNode("User");
            case "schemaId" -> JSON.textNode("urn:ietf:params:scim:schemas:core:2.0:User");
            case "ScimPatchOperation.path" -> JSON.textNode(subject.group() != null ? "members" : "active");
            case "ScimPatchOperation.value" -> subject.group() != null
                    ? JSON.arrayNode().add(JSON.objectNode().put("value", subject.id().toString()))
                    : JSON.booleanNode(true);
            default -> null;
        });
    }

    byte[] rawBody(String template, String mediaType) {
        String csv = template.equals("/api/v1/organizations/imports")
                ? "CDS Code,Name,Type,Parent CDS Code\n" + freshSchoolCode() + ",Contract Charter,SCHOOL," + lea.code() + "\n"
                : rawCsv(World.email("upload"));
        return csv.getBytes(StandardCharsets.UTF_8);
    }

    String rawCsv(String email) {
        return "First Name,Last Name,Email Address,CDS Code,Role\nPat,Lee," + email + "," + lea.school(0)
                + ",Educator - Roster\n";
    }

    /** A school code no organization has yet, under the district (a school's code starts with its LEA's 7 digits). */
    String freshSchoolCode() {
        return lea.code().substring(0, 7) + String.format("%07d", ThreadLocalRandom.current().nextInt(1, 10_000_000));
    }

    /** The caller an operation is for: its LEA's identity provider, a consumer, or the state administrator. */
    String token(String template) {
        if (template.startsWith("/scim/")) {
            return Tokens.provisioner(lea.code());
        }
        if (template.startsWith("/api/v1/cers/")) {
            return Tokens.service("cers-service");
        }
        if (template.startsWith("/api/v1/t4t/")) {
            return Tokens.service("t4t-service");
        }
        return Tokens.person(admin);
    }

    Response send(Request request, Subject subject) {
        RequestSpecification spec = Api.given().auth().oauth2(token(request.template())).urlEncodingEnabled(false);
        request.query().forEach((name, value) -> spec.queryParam(name, encode(value)));
        request.headers().forEach(spec::header);
        if (request.part() != null) {
            spec.multiPart(request.part(), "roster.csv", request.bytes(), "text/csv");
        } else if (request.hasBody()) {
            spec.contentType(request.mediaType());
            spec.body(request.json() != null ? request.json().toString().getBytes(StandardCharsets.UTF_8) : request.bytes());
        } else if (request.mediaType() != null) {
            spec.contentType(request.mediaType());
        }
        return spec.when().request(request.method(), path(request)).then().extract().response();
    }

    static String path(Request request) {
        String path = request.template();
        for (Map.Entry<String, String> p : request.path().entrySet()) {
            path = path.replace("{" + p.getKey() + "}", encode(p.getValue()));
        }
        return path;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What the document's own validator finds wrong with the request (its security aside). */
    static List<String> judged(OpenApiInteractionValidator validator, Request request) {
        SimpleRequest.Builder built = new SimpleRequest.Builder(request.method(), path(request))
                .withAuthorization("Bearer token");
        request.query().forEach((name, value) -> built.withQueryParam(name, value));
        request.headers().forEach((name, value) -> built.withHeader(name, value));
        if (request.json() != null) {
            built.withContentType(request.mediaType()).withBody(request.json().toString());
        } else if (request.mediaType() != null && request.hasBody()) {
            built.withContentType(request.mediaType()).withBody(request.bytes());
        }
        return validator.validateRequest(built.build()).getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()).collect(Collectors.toList());
    }

    static String leaf(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        return last.replaceAll("\\[\\d+]$", "");
    }
}
