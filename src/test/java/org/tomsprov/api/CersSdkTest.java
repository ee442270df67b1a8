package org.tomsprov.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tomsprov.testdata.Api.as;
import static org.tomsprov.testdata.Api.newUser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tomsprov.domain.Role;
import org.tomsprov.sdk.cers.ApiClient;
import org.tomsprov.sdk.cers.ApiException;
import org.tomsprov.sdk.cers.api.CatalogApi;
import org.tomsprov.sdk.cers.api.CersApi;
import org.tomsprov.sdk.cers.model.ChangeFeed;
import org.tomsprov.sdk.cers.model.CersPermissions;
import org.tomsprov.sdk.cers.model.PermissionChange;
import org.tomsprov.sdk.cers.model.ReportingPermission;
import org.tomsprov.testdata.ContractValidation;
import org.tomsprov.testdata.Tokens;
import org.tomsprov.testdata.World;

/** A CERS integrator's client, generated unmodified from openapi/cers.yaml, against the running service. */
@QuarkusTest
class CersSdkTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    World world;

    ApiClient client;

    @BeforeEach
    void setUp() {
        client = new ApiClient();
        client.updateBaseUri(root.toString().replaceAll("/$", ""));
        String token = Tokens.service("cers-service");
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    }

    @Test
    void theGeneratedClientPullsPermissionsAndWalksTheChangeFeed() throws ApiException {
        World.Lea lea = world.lea(1);
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String email = World.email("sdk");
        as(coordinator).body(newUser(email, "EDUCATOR_DISTRICT", lea.code())).when().post("/api/v1/users")
                .then().statusCode(201);

        CersPermissions permissions = new CersApi(client).getCersPermissions(email);
        assertThat(permissions.getEmail()).isEqualTo(email);
        assertThat(permissions.getPermissionsById().getINDIVIDUALPIIREAD()).isNotNull();
        assertThat(permissions.getPermissionsById().getGROUPWRITE().getId()).isEqualTo(ReportingPermission.GROUP_WRITE);
        assertThat(permissions.getPermissionsById().getGROUPWRITE().getScope().getDistrictIds()).containsExactly(lea.code());
        assertThat(permissions.getPermissionsById().getTEACHERGROUPREAD()).as("a district scope has no teacher groups").isNull();
        assertThat(permissions.getTenancyChains()).hasSize(6)
                .contains("|" + lea.code() + "|CUSTOM_AGGREGATE_REPORTER|DISTRICT|1000|CA|||CA|CALIFORNIA|||" + lea.code()
                        + "|" + lea.name() + "|||||");
        assertThat(permissions.getSbacTenancyChain()).isEqualTo(String.join(",", permissions.getTenancyChains()));

        List<PermissionChange> seen = new ArrayList<>();
        String cursor = null;
        while (true) {
            ChangeFeed page = new CersApi(client).listPermissionChanges(cursor, 200);
            assertThat(page.getNextCursor()).isNotBlank();
            if (page.getItems().isEmpty()) {
                assertThat(page.getNextCursor()).isEqualTo(cursor == null ? page.getNextCursor() : cursor);
                break;
            }
            seen.addAll(page.getItems());
            cursor = page.getNextCursor();
        }
        assertThat(seen).extracting(PermissionChange::getEmail).contains(email);
        assertThat(seen).extracting(PermissionChange::getSequence).isSorted();
    }

    @Test
    void errorsAndCatalogsComeThroughTheGeneratedClient() throws ApiException {
        assertThatThrownBy(() -> new CersApi(client).getCersPermissions("nobody@nowhere.example"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getResponseBody()).contains("USER_NOT_FOUND");
                });
        assertThat(new CatalogApi(client).listRoles().getItems()).hasSize(16);
        assertThat(new CatalogApi(client).getRole("Educator—District").getPermissions()).hasSize(6);
    }

    @Test
    void everyRestAssuredCallIsCheckedAgainstTheCommittedContract() {
        assertThat(RestAssured.filters()).contains(ContractValidation.install());
    }
}
