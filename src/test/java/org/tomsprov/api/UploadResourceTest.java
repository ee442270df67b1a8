package org.tomsprov.api;

import static org.tomsprov.testdata.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;
import static org.tomsprov.testdata.Api.as;
import static org.tomsprov.testdata.Api.asService;
import static org.tomsprov.testdata.Api.newUser;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomsprov.app.uploads.CommitHooks;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.Tokens;
import org.tomsprov.testdata.Uploads;
import org.tomsprov.testdata.RivalCreation;
import org.tomsprov.testdata.World;

@QuarkusTest
class UploadResourceTest {

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    static final String HEADER = "First Name,Last Name,Email Address,Telephone Number,CDS Code,Role,Action";

    @Inject
    World world;

    World.Lea lea;
    World.Lea otherLea;
    String coordinator;

    @BeforeEach
    void setUp() {
        lea = world.lea(3);
        otherLea = world.lea(1);
        coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
    }

    @Test
    void aCsvWithBomCrlfQuotesEmDashesAndAccentsValidatesPreviewsAndCommits() {
        String a = World.email("josé");
        String b = World.email("nguyen");
        String csv = "\uFEFF" + "E-mail Address,first name,LAST NAME,Telephone Number,CDS Code,Role,Notes\r\n"
                + a + ",José,\"O'Brien, Jr.\",(916) 555-0100,\"" + lea.school(0) + "\",Educator—Roster,\"line one\r\nline two\"\r\n"
                + a + ",José,\"O'Brien, Jr.\",,\"" + lea.school(1) + "\",tools for teachers only,\r\n"
                + b + ",Nguyễn,Thị Minh,,\"" + lea.code() + "\",EDUCATOR – DISTRICT,\r\n";

        String id = Uploads.csv(coordinator, csv);
        Uploads.settled(coordinator, id).then()
                .body("status", equalTo("VALIDATED")).body("totalRows", equalTo(3)).body("processedRows", equalTo(3))
                .body("errorCount", equalTo(0))
                .body("summary.create", equalTo(2)).body("summary.grant", equalTo(3))
                .body("summary.remove", equalTo(0)).body("summary.unchanged", equalTo(0))
                .body("expiresAt", notNullValue());
        as(coordinator).queryParam("email", a).when().get("/api/v1/users").then().body("items", empty());

        Uploads.commit(coordinator, id).then().body("status", equalTo("COMMITTED")).body("summary.grant", equalTo(3));

        as(coordinator).queryParam("email", a).when().get("/api/v1/users").then()
                .body("items[0].firstName", equalTo("José")).body("items[0].lastName", equalTo("O'Brien, Jr."))
                .body("items[0].phone", equalTo("916-555-0100"))
                .body("items[0].roles.roleId", containsInAnyOrder("EDUCATOR_ROSTER", "TOOLS_FOR_TEACHERS_ONLY"));
        String bId = as(coordinator).queryParam("email", b).when().get("/api/v1/users").then()
                .body("items[0].lastName", equalTo("Thị Minh")).extract().path("items[0].id");
        as(coordinator).queryParam("userId", bId).when().get("/api/v1/audit-events").then()
                .body("items.action", contains("USER_CREATED", "ROLE_GRANTED"))
                .body("items.actor", everyItem(equalTo(coordinator)));
        asService("cers-service").when().get("/api/v1/cers/users/" + b + "/permissions").then().statusCode(200)
                .body("permissionsById.INDIVIDUAL_PII_READ.scope.districtIds", contains(lea.code()));
    }

    @Test
    void aCommitMovesTheEtagOfEveryoneWhoExistedBeforeItSoAnEditFromBeforeIsRefused() {
        String existing = World.email("had-etag");
        String id = as(coordinator).body(newUser(existing, "EDUCATOR_ROSTER", lea.school(0)))
                .when().post("/api/v1/users").then().statusCode(201).extract().path("id");
        String etag = as(coordinator).when().get("/api/v1/users/" + id).then().extract().header("ETag");
        String created = World.email("new-by-upload");

        String upload = Uploads.csv(coordinator, HEADER + "\n"
                + "Ana,Lopez," + existing + ",," + lea.school(1) + ",EDUCATOR_ROSTER,ADD\n"
                + "Ben,Ngo," + created + ",," + lea.school(1) + ",EDUCATOR_ROSTER,ADD\n");
        Uploads.settled(coordinator, upload).then().body("status", equalTo("VALIDATED"));
        Uploads.commit(coordinator, upload).then().body("status", equalTo("COMMITTED"));

        assertThat(as(coordinator).when().get("/api/v1/users/" + id).then().extract().header("ETag")).isNotEqualTo(etag);
        as(coordinator).header("If-Match", etag).contentType("application/merge-patch+json")
                .body("{\"lastName\":\"Stale\"}").when().patch("/api/v1/users/" + id).then().statusCode(412);
        String createdId = as(coordinator).queryParam("email", created).when().get("/api/v1/users").then()
                .extract().path("items[0].id");
        String createdEtag = as(coordinator).when().get("/api/v1/users/" + createdId).then().statusCode(200)
                .extract().header("ETag");
        as(coordinator).header("If-Match", createdEtag).contentType("application/merge-patch+json")
                .body("{\"lastName\":\"Ngo-Tran\"}").when().patch("/api/v1/users/" + createdId).then().statusCode(200)
                .body("lastName", equalTo("Ngo-Tran"));
    }

    @Test
    void everyRowErrorIsReportedWithRowColumnAndCodeAndTheUploadCannotBeCommitted() {
        String ok = World.email("ok");
        String csv = HEADER + "\n"
                + "Ana,Díaz," + ok + ",," + lea.school(0) + ",Educator - Roster,\n"           // row 2: fine
                + "Bo,Li,not-an-email,," + lea.school(0) + ",Educator - Roster,\n"            // row 3
                + "Cy,Ng," + World.email("c") + ",555," + lea.school(0) + ",Educator - Roster,\n" // row 4: phone
                + "Di,Ok," + World.email("d") + ",,99999999999999,Educator - Roster,\n"       // row 5: org
                + "Ed,Po," + World.email("e") + ",," + lea.school(0) + ",Janitor,\n"          // row 6: role
                + "Fa,Qu," + World.email("f") + ",," + lea.code() + ",Educator - Roster,\n"   // row 7: level
                + "Gu,Ra," + World.email("g") + ",," + otherLea.school(0) + ",Educator - Roster,\n" // row 8: scope
                + "Ha,Sa," + World.email("h") + ",," + lea.school(0) + ",LEA CAASPP Coordinator,\n" // row 9: level
                + "Ana,Other," + ok + ",," + lea.school(1) + ",Educator - Roster,\n"          // row 10: names
                + "Ana,Díaz," + ok + ",," + lea.school(0) + ",EDUCATOR_ROSTER,\n"             // row 11: duplicate
                + "Ia,Ta," + World.email("i") + ",," + lea.school(0) + ",Educator - Roster,DELETE\n" // row 12: action
                + ",," + World.email("j") + ",," + lea.school(0) + ",Educator - Roster,\n";   // row 13: names

        String id = Uploads.csv(coordinator, csv);
        Uploads.settled(coordinator, id).then().body("status", equalTo("VALIDATED")).body("errorCount", greaterThan(10));

        Response errors = as(coordinator).when().get("/api/v1/uploads/" + id + "/errors").then().statusCode(200)
                .extract().response();
        List<String> rowCodes = errors.jsonPath().getList("collect { it.row + ':' + it.code }");
        assertThat(rowCodes).contains("3:INVALID_EMAIL", "4:INVALID_PHONE", "5:ORGANIZATION_NOT_FOUND", "6:UNKNOWN_ROLE",
                "7:ROLE_LEVEL_MISMATCH", "8:ORG_OUTSIDE_SCOPE", "9:ROLE_LEVEL_MISMATCH", "10:CONFLICTING_NAMES",
                "11:DUPLICATE_ROW", "12:INVALID_ACTION", "13:REQUIRED");
        assertThat(rowCodes).noneMatch(code -> code.startsWith("2:"));
        assertThat(errors.jsonPath().getString("find { it.row == 8 }.column")).isEqualTo("CDS Code");

        given().auth().oauth2(Tokens.person(coordinator)).when().post("/api/v1/uploads/" + id + "/commit").then()
                .statusCode(409).body("code", equalTo("UPLOAD_HAS_ERRORS"));
        as(coordinator).queryParam("email", ok).when().get("/api/v1/users").then().body("items", empty());
    }

    @Test
    void theErrorReportDownloadsAsCsvWithFormulasNeutralized() {
        String csv = HEADER + "\n"
                + "=HYPERLINK(\"http://evil\"),Li," + World.email("x") + ",," + lea.school(0) + ",=1+2,\n"
                + "Bo,Li," + World.email("y") + ",," + lea.school(0) + ",@SUM(A1),\n";
        String id = Uploads.csv(coordinator, csv);
        Uploads.settled(coordinator, id);

        String report = given().auth().oauth2(Tokens.person(coordinator)).accept("text/csv")
                .when().get("/api/v1/uploads/" + id + "/errors").then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", containsString("attachment"))
                .extract().asString();

        assertThat(report).startsWith("Row,Column,Value,Code,Message");
        assertThat(report).contains("'=1+2").contains("'@SUM(A1)");
        assertThat(report.lines().skip(1)).allSatisfy(line -> {
            for (String cell : line.split(",")) {
                assertThat(cell.replace("\"", "")).doesNotStartWith("=").doesNotStartWith("@").doesNotStartWith("+");
            }
        });
    }

    @Test
    void anXlsxMadeWithPoiValidatesAndCommits() {
        String email = World.email("xlsx");
        byte[] workbook = Uploads.workbook(List.of(
                List.of("First Name", "Last Name", "Email", "CDS Code", "Role"),
                List.of("Łukasz", "Żółć", email, lea.school(2), "CAASPP Test Examiner")));

        String id = Uploads.xlsx(coordinator, workbook);
        Uploads.settled(coordinator, id).then().body("status", equalTo("VALIDATED")).body("format", equalTo("XLSX"))
                .body("errorCount", equalTo(0)).body("summary.create", equalTo(1));
        Uploads.commit(coordinator, id).then().body("status", equalTo("COMMITTED"));

        as(coordinator).queryParam("email", email).when().get("/api/v1/users").then()
                .body("items[0].firstName", equalTo("Łukasz")).body("items[0].roles[0].roleId", equalTo("CAASPP_TEST_EXAMINER"));
    }

    @Test
    void cdsCodesThatAnExcelSheetKeepsAsNumbersAreReadAsTheCodesTheyWere() {
        World.Lea county = world.leaWithLeadingZero(1);
        String zeroCoordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, county.code());
        String teacher = World.email("numeric-school");
        String district = World.email("numeric-lea");
        byte[] workbook = Uploads.workbook(List.of(
                List.of("First Name", "Last Name", "Email", "CDS Code", "Role"),
                List.of("Ana", "Lopez", teacher, Long.parseLong(county.school(0)), "Educator - Roster"),
                List.of("Bo", "Li", district, Long.parseLong(county.code()), "EDUCATOR_DISTRICT")));

        String id = Uploads.xlsx(zeroCoordinator, workbook);
        Uploads.settled(zeroCoordinator, id).then().body("status", equalTo("VALIDATED")).body("errorCount", equalTo(0))
                .body("summary.create", equalTo(2));
        Uploads.commit(zeroCoordinator, id).then().body("status", equalTo("COMMITTED"));

        as(zeroCoordinator).queryParam("email", teacher).when().get("/api/v1/users").then()
                .body("items[0].roles[0].orgCode", equalTo(county.school(0)));
        as(zeroCoordinator).queryParam("email", district).when().get("/api/v1/users").then()
                .body("items[0].roles[0].orgCode", equalTo(county.code()));
    }

    @Test
    void aCsvCodeMissingItsLeadingZeroIsThatCodeAndOneInScientificNotationIsARowErrorSayingWhatHappened() {
        World.Lea county = world.leaWithLeadingZero(1);
        String zeroCoordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, county.code());
        String shortened = World.email("thirteen-digits");
        String csv = HEADER + "\n"
                + "Ana,Lopez," + shortened + ",," + county.school(0).substring(1) + ",Educator - Roster,\n"
                + "Bo,Li," + World.email("scientific") + ",,1.96473E+13,Educator - Roster,\n";

        String id = Uploads.csv(zeroCoordinator, csv);
        Uploads.settled(zeroCoordinator, id).then().body("status", equalTo("VALIDATED")).body("errorCount", equalTo(1))
                .body("summary.create", equalTo(1)).body("summary.grant", equalTo(1));
        as(zeroCoordinator).when().get("/api/v1/uploads/" + id + "/errors").then().statusCode(200)
                .body("row", contains(3)).body("column", contains("CDS Code"))
                .body("code", contains("CDS_CODE_DIGITS_LOST")).body("value", contains("1.96473E+13"))
                .body("message[0]", containsString("format the CDS Code column as Text"));
    }

    @Test
    void removeRowsRevokeAndRowsThatChangeNothingCountAsUnchanged() {
        String email = World.email("leaver");
        as(coordinator).body(newUser(email, "EDUCATOR_ROSTER", lea.school(0)))
                .when().post("/api/v1/users").then().statusCode(201);
        String csv = HEADER + "\n"
                + ",," + email + ",," + lea.school(0) + ",Educator - Roster,REMOVE\n"
                + ",," + email + ",," + lea.school(1) + ",Educator - Roster,remove\n";

        String id = Uploads.csv(coordinator, csv);
        Uploads.settled(coordinator, id).then().body("errorCount", equalTo(0))
                .body("summary.remove", equalTo(1)).body("summary.unchanged", equalTo(1)).body("summary.update", equalTo(1));
        Uploads.commit(coordinator, id).then().body("status", equalTo("COMMITTED"));

        as(coordinator).queryParam("email", email).when().get("/api/v1/users").then().body("items", empty());
    }

    @Test
    void aCommitThatFailsMidwayLeavesNothingBehind() {
        String email = World.email("midway");
        String csv = HEADER + "\nMi,Dway," + email + ",," + lea.school(0) + ",Educator - Roster,\n";
        String id = Uploads.csv(coordinator, csv);
        Uploads.settled(coordinator, id).then().body("status", equalTo("VALIDATED"));
        long feedBefore = feedLength();
        QuarkusMock.installMockForType(new CommitHooks() {
            @Override
            public void after(UUID uploadId, CommitHooks.Step step) {
                if (uploadId.toString().equals(id) && step == CommitHooks.Step.ROLES_GRANTED) {
                    throw new IllegalStateException("simulated crash after the grants");
                }
            }
        }, CommitHooks.class);

        Uploads.commit(coordinator, id).then().body("status", equalTo("FAILED")).body("problemCode", equalTo("COMMIT_FAILED"));

        String stateAdmin = world.admin(Role.STATE_ADMINISTRATOR, "CA");
        as(stateAdmin).queryParam("email", email).when().get("/api/v1/users").then().body("items", empty());
        asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then().statusCode(404);
        assertThat(feedLength()).isEqualTo(feedBefore);
    }

    @Test
    void aPersonCreatedByAnotherRequestWhileTheUploadCommitsGetsTheUploadsRoleAndTheCommitSucceeds() {
        String email = World.email("rival");
        String id = Uploads.csv(coordinator, HEADER + "\nUp,Load," + email + ",," + lea.school(0) + ",Educator - Roster,\n");
        Uploads.settled(coordinator, id).then().body("status", equalTo("VALIDATED")).body("summary.create", equalTo(1));
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        QuarkusMock.installMockForType(new CommitHooks() {
            @Override
            public void after(UUID uploadId, CommitHooks.Step step) {
                if (uploadId.toString().equals(id) && step == CommitHooks.Step.RIGHTS_RECHECKED
                        && first.getAndSet(false)) {
                    RivalCreation.begin(dataSource, email);
                }
            }
        }, CommitHooks.class);

        Uploads.commit(coordinator, id).then().body("status", equalTo("COMMITTED"));

        as(coordinator).queryParam("email", email).when().get("/api/v1/users").then()
                .body("items", hasSize(1)).body("items[0].firstName", equalTo("Rival"))
                .body("items[0].roles.roleId", contains("EDUCATOR_ROSTER"));
    }

    @Test
    void aRightLostBetweenValidationAndCommitFailsTheCommitWithNothingApplied() {
        String email = World.email("late");
        String site = world.admin(Role.SITE_CAASPP_COORDINATOR, lea.school(0));
        String id = Uploads.csv(site, HEADER + "\nLa,Te," + email + ",," + lea.school(0) + ",Educator - Roster,\n");
        Uploads.settled(site, id).then().body("status", equalTo("VALIDATED")).body("errorCount", equalTo(0));
        world.close(lea.school(0), org.tomsprov.domain.OrgType.SCHOOL);

        Uploads.commit(site, id).then().body("status", equalTo("FAILED")).body("problemCode", equalTo("ORG_CLOSED"));
        as(coordinator).queryParam("email", email).when().get("/api/v1/users").then().body("items", empty());
    }

    @Test
    void fileLevelProblemsAreRefusedOrRejectedWithAReason() {
        given().auth().oauth2(Tokens.person(coordinator)).contentType("text/csv")
                .body(new byte[] {(byte) 0xC3, (byte) 0x28, 'a', ',', 'b'}).when().post("/api/v1/uploads").then()
                .statusCode(422).body("code", equalTo("NOT_UTF8"));
        given().auth().oauth2(Tokens.person(coordinator)).contentType("text/csv")
                .body(new byte[1_000_001]).when().post("/api/v1/uploads").then()
                .statusCode(413).body("code", equalTo("FILE_TOO_LARGE"));

        String id = Uploads.csv(coordinator, "First Name,Last Name,CDS Code,Role\nA,B,1,Role\n");
        Uploads.settled(coordinator, id).then().body("status", equalTo("REJECTED"))
                .body("problemCode", equalTo("MISSING_COLUMN")).body("problemDetail", containsString("Email Address"));
        String notXlsx = Uploads.xlsx(coordinator, "PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.ISO_8859_1));
        Uploads.settled(coordinator, notXlsx).then().body("status", equalTo("REJECTED"))
                .body("problemCode", equalTo("NOT_A_SPREADSHEET"));
    }

    @Test
    void aColumnTheHeaderNamesTwiceRejectsTheFileSayingWhere() {
        String email = World.email("two-columns");
        String csv = HEADER + ",E-mail Address\nAna,Díaz," + email + ",," + lea.school(0) + ",Educator - Roster,,"
                + World.email("other") + "\n";
        Uploads.settled(coordinator, Uploads.csv(coordinator, csv)).then().body("status", equalTo("REJECTED"))
                .body("problemCode", equalTo("DUPLICATE_COLUMN"))
                .body("problemDetail", containsString("Email Address twice (columns C and H: "));
        byte[] workbook = Uploads.workbook(List.of(List.of("Email Address", "First Name", "Last Name", "CDS Code",
                "Role", "Email Address"), List.of(email, "Ana", "Díaz", lea.school(0), "Educator - Roster", "x@x.test")));
        Uploads.settled(coordinator, Uploads.xlsx(coordinator, workbook)).then().body("status", equalTo("REJECTED"))
                .body("problemCode", equalTo("DUPLICATE_COLUMN"))
                .body("problemDetail", containsString("Email Address twice (columns A and F: "));
        as(coordinator).queryParam("email", email).when().get("/api/v1/users").then().body("items", empty());
    }

    @Test
    void aWorkbookThatUnpacksToFarMoreThanAUserListIsRejectedWithItsOwnReason() {
        byte[] bomb = Uploads.zipBomb(List.of(HEADER.split(",")), 40);
        assertThat(bomb.length).as("a small file").isLessThan(1_000_000);
        String id = Uploads.xlsx(coordinator, bomb);
        Uploads.settled(coordinator, id).then().body("status", equalTo("REJECTED"))
                .body("problemCode", equalTo("SPREADSHEET_TOO_LARGE"))
                .body("problemDetail", containsString("save it again"));
    }

    @Test
    void aWorkbookDeclaringAnExternalEntityIsRejectedWithoutTheEntityEverBeingRead(@TempDir Path dir) throws Exception {
        String secret = "SECRET-" + UUID.randomUUID();
        Path file = Files.writeString(dir.resolve("secret.txt"), secret);
        String email = World.email("xxe");
        byte[] workbook = Uploads.workbook(List.of(List.of(HEADER.split(",")),
                List.of("NAME", "Díaz", email, "", lea.school(0), "Educator - Roster", "")));
        for (String part : List.of("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/workbook.xml")) {
            byte[] hostile = Uploads.rewritten(workbook, part, xml -> xml.replaceFirst("(<[a-zA-Z]+ )", "<!DOCTYPE r ["
                    + "<!ENTITY xxe SYSTEM \"" + file.toUri() + "\">]>$1").replace(">NAME<", ">&xxe;<"));
            assertThat(hostile).as("the entity is declared in " + part).isNotEqualTo(workbook);
            String id = Uploads.xlsx(coordinator, hostile);
            Response settled = Uploads.settled(coordinator, id);
            settled.then().body("status", equalTo("REJECTED")).body("problemCode", equalTo("NOT_A_SPREADSHEET"));
            assertThat(settled.asString()).as(part).doesNotContain(secret);
        }
        as(coordinator).queryParam("email", email).when().get("/api/v1/users").then().body("items", empty());
    }

    @Test
    void aRowWhoseUnquotedCommaShiftsItsCellsIsOneRowErrorSayingSo() {
        String shifted = World.email("shifted");
        String fine = World.email("fine");
        String csv = HEADER + "\nAna,Smith, Jr.," + shifted + ",," + lea.school(0) + ",Educator - Roster,\n"
                + "\"Ana\",\"Smith, Jr.\"," + fine + ",," + lea.school(0) + ",Educator - Roster,\n";
        String id = Uploads.csv(coordinator, csv);
        Uploads.settled(coordinator, id).then().body("status", equalTo("VALIDATED")).body("errorCount", equalTo(1));
        as(coordinator).when().get("/api/v1/uploads/" + id + "/errors").then().statusCode(200)
                .body("", hasSize(1)).body("[0].row", equalTo(2)).body("[0].code", equalTo("TOO_MANY_CELLS"))
                .body("[0].message", containsString("needs double quotes"));

        String saved = HEADER + ",,\nAna,Díaz," + World.email("saved") + ",," + lea.school(0) + ",Educator - Roster,,,\n";
        Uploads.settled(coordinator, Uploads.csv(coordinator, saved)).then().body("status", equalTo("VALIDATED"))
                .body("errorCount", equalTo(0));
    }

    @Test
    void controlCharactersInCellsAreRowErrorsNamingTheColumn() {
        String email = World.email("nul");
        String csv = HEADER + "\nA\u0001na,Díaz," + email + ",," + lea.school(0) + ",Educator - Roster,\n";
        String id = Uploads.csv(coordinator, csv);
        Uploads.settled(coordinator, id).then().body("status", equalTo("VALIDATED")).body("errorCount", equalTo(1));
        as(coordinator).when().get("/api/v1/uploads/" + id + "/errors").then().statusCode(200)
                .body("[0].row", equalTo(2)).body("[0].column", equalTo("First Name"))
                .body("[0].code", equalTo("INVALID_TEXT"));

        byte[] workbook = Uploads.workbook(List.of(List.of(HEADER.split(",")),
                List.of("A_x0000_na", "Díaz", World.email("nulx"), "", lea.school(0), "Educator - Roster", "")));
        String xlsx = Uploads.xlsx(coordinator, workbook);
        Uploads.settled(coordinator, xlsx).then().body("status", equalTo("VALIDATED")).body("errorCount", equalTo(1));
    }

    @Test
    void uploadsAreVisibleOnlyToTheirUploader() {
        String other = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String id = Uploads.csv(coordinator, HEADER + "\n");
        Uploads.settled(coordinator, id);

        as(other).when().get("/api/v1/uploads/" + id).then().statusCode(404).body("code", equalTo("UPLOAD_NOT_FOUND"));
        as(other).when().get("/api/v1/uploads/" + id + "/errors").then().statusCode(404);
        as(other).when().post("/api/v1/uploads/" + id + "/commit").then().statusCode(404);
    }

    @Test
    void aRetriedUploadWithTheSameIdempotencyKeyIsTheSameUpload() {
        String key = UUID.randomUUID().toString();
        String csv = HEADER + "\nId,Em," + World.email("idem") + ",," + lea.school(0) + ",Educator - Roster,\n";
        String first = given().auth().oauth2(Tokens.person(coordinator)).header("Idempotency-Key", key)
                .contentType("text/csv; charset=UTF-8").body(csv).when().post("/api/v1/uploads").then().statusCode(202)
                .extract().path("id");
        given().auth().oauth2(Tokens.person(coordinator)).header("Idempotency-Key", key)
                .contentType("text/csv; charset=UTF-8").body(csv).when().post("/api/v1/uploads").then().statusCode(202)
                .body("id", equalTo(first)).header("Location", endsWith(first));
        given().auth().oauth2(Tokens.person(coordinator)).header("Idempotency-Key", key)
                .contentType("text/csv; charset=UTF-8").body(csv + "\n").when().post("/api/v1/uploads").then()
                .statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void multipartUploadsWork() {
        String email = World.email("multi");
        given().auth().oauth2(Tokens.person(coordinator))
                .multiPart("file", "users.csv", (HEADER + "\nMu,Lti," + email + ",," + lea.school(0) + ",Educator - Roster,\n")
                        .getBytes(StandardCharsets.UTF_8), "text/csv")
                .when().post("/api/v1/uploads").then().statusCode(202)
                .header("Location", containsString("/api/v1/uploads/")).body("fileName", equalTo("users.csv"));
    }

    @Test
    void aMultipartUploadWithoutAFilePartIsRequiredToHaveOne() {
        given().auth().oauth2(Tokens.person(coordinator)).multiPart("document", "users.csv", HEADER.getBytes(StandardCharsets.UTF_8), "text/csv")
                .when().post("/api/v1/uploads").then().statusCode(400).body("errors[0].field", equalTo("file"))
                .body("errors[0].code", equalTo("REQUIRED")).body("errors[0].message", containsString("named file"));
    }

    @Test
    void aMultipartBodyThatEndsEarlyIsABadRequestThatNamesThePart() {
        String truncated = "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"users.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + HEADER + "\nMu,Lti,";
        given().auth().oauth2(Tokens.person(coordinator)).contentType("multipart/form-data; boundary=xyz")
                .body(truncated.getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/uploads").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("named file"));
    }

    @Test
    void theTemplateHasTheExactHeadersAndASampleRow() {
        String csv = given().auth().oauth2(Tokens.person(coordinator)).accept("text/csv")
                .when().get("/api/v1/uploads/template").then().statusCode(200).extract().asString();
        assertThat(csv.lines().toList()).hasSize(2).first().isEqualTo(HEADER + ",Administration Year");

        byte[] xlsx = given().auth().oauth2(Tokens.person(coordinator)).accept(Uploads.XLSX)
                .when().get("/api/v1/uploads/template").then().statusCode(200).contentType(Uploads.XLSX)
                .extract().asByteArray();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("CDS Code");
            assertThat(sheet.getRow(1).getCell(4).getStringCellValue()).isEqualTo("19647331930002");
            assertThat(sheet.getColumnStyle(4).getDataFormatString()).as("typed codes keep their leading zero").isEqualTo("@");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long feedLength() {
        String cursor = null;
        long count = 0;
        while (true) {
            var request = asService("cers-service").queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            Response page = request.when().get("/api/v1/cers/permission-changes").then().extract().response();
            List<Object> items = page.path("items");
            count += items.size();
            if (items.isEmpty()) {
                return count;
            }
            cursor = page.path("nextCursor");
        }
    }
}
