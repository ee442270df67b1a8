package org.tomsprov;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency rules of docs/architecture.md, checked on the compiled classes. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.tomsprov");

    @Test
    void domainAndAuthorizationStayPlainJava() {
        noClasses().that().resideInAnyPackage("org.tomsprov.domain..", "org.tomsprov.authz..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta.persistence..",
                        "jakarta.ws.rs..", "jakarta.enterprise..", "jakarta.transaction..", "org.hibernate..",
                        "com.fasterxml.jackson..", "org.tomsprov.app..", "org.tomsprov.api..",
                        "org.tomsprov.persistence..")
                .because("the domain and the authorizer are plain Java, testable without a framework")
                .check(CLASSES);
    }

    @Test
    void theLowerLayersNeverReachUpToUseCasesOrHttp() {
        noClasses().that().resideInAnyPackage("org.tomsprov.persistence..", "org.tomsprov.domain..",
                        "org.tomsprov.upload..", "org.tomsprov.config..")
                .should().dependOnClassesThat().resideInAnyPackage("org.tomsprov.app..", "org.tomsprov.api..")
                .because("persistence, domain, upload and config know nothing of use cases or HTTP")
                .check(CLASSES);
    }

    @Test
    void httpStaysInTheApiPackageAndTheApiNeverTouchesTheDatabase() {
        noClasses().that().resideOutsideOfPackage("org.tomsprov.api..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..",
                        "org.eclipse.microprofile.openapi..")
                .because("status codes, media types, routes and the OpenAPI contract are the api package's")
                .check(CLASSES);
        noClasses().that().resideInAPackage("org.tomsprov.api..")
                .should().dependOnClassesThat().resideInAPackage("org.tomsprov.persistence..")
                .because("resources go through use cases, never to entities or SQL")
                .check(CLASSES);
    }

    @Test
    void useCasesRunNoSqlOfTheirOwn() {
        noClasses().that().resideInAnyPackage("org.tomsprov.app..", "org.tomsprov.domain..", "org.tomsprov.authz..",
                        "org.tomsprov.upload..", "org.tomsprov.config..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.hibernate..", "java.sql..",
                        "javax.sql..", "org.postgresql..")
                .because("every SQL statement and every entity manager lives in persistence; use cases call repositories")
                .check(CLASSES);
    }

    @Test
    void theRootPackageHoldsMainAloneAndStartUpChecksKnowNoUseCaseOrHttp() {
        classes().that().resideInAPackage("org.tomsprov").should().haveNameMatching("org\\.tomsprov\\.Main(\\$.*)?")
                .because("start-up checks live in boot, everything else in its own room (docs/architecture.md)")
                .check(CLASSES);
        noClasses().that().resideInAPackage("org.tomsprov.boot..")
                .should().dependOnClassesThat().resideInAnyPackage("org.tomsprov.app..", "org.tomsprov.api..",
                        "org.tomsprov.persistence..")
                .because("a start-up check says in one line what is missing before any of the service runs")
                .check(CLASSES);
    }

    @Test
    void theScimProtocolHasItsOwnRoomInTheApi() {
        classes().that().haveSimpleNameStartingWith("Scim").and().resideInAPackage("org.tomsprov.api..")
                .should().resideInAPackage("org.tomsprov.api.scim")
                .because("a reader looking for how SCIM is spoken finds all of it in api/scim")
                .check(CLASSES);
    }

    @Test
    void howRequestsAreReadBeforeAResourceSeesThemHasItsOwnRoom() {
        classes().that().haveSimpleNameStartingWith("Strict").or().haveSimpleName("HttpLimits")
                .or().haveSimpleName("SafeTextParameters").or().haveSimpleName("RequestIdFilter")
                .or().haveSimpleName("AllowedMethods")
                .should().resideInAPackage("org.tomsprov.api.http")
                .because("the filters, limits and readers every request passes live together in api/http")
                .check(CLASSES);
    }

    @Test
    void onlyConsumerDocumentsPublishAChange() {
        noClasses().that().doNotHaveFullyQualifiedName("org.tomsprov.app.consumers.ConsumerDocuments")
                .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "the feed or a staged change list is written",
                        call -> call.getTargetOwner().getName().equals("org.tomsprov.persistence.GrantLedger")
                                        && call.getName().matches(
                                                "changed|changedStaged|feedStaged|affectedStaged|forgetStaged|claimCreated")
                                || call.getTargetOwner().getName()
                                        .equals("org.tomsprov.persistence.AdministrationCalendar")
                                        && call.getName().equals("feedTransition")))
                .because("a change a consumer can see moves the version, the feed and the documents together")
                .check(CLASSES);
        noClasses().that().doNotHaveFullyQualifiedName("org.tomsprov.app.consumers.ConsumerDocuments")
                .and().doNotHaveFullyQualifiedName("org.tomsprov.persistence.GrantLedger")
                .and().doNotHaveFullyQualifiedName("org.tomsprov.persistence.AdministrationCalendar")
                .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a feed entry is appended",
                        call -> call.getTargetOwner().getName()
                                .equals("org.tomsprov.persistence.PermissionChangeRepository")
                                && call.getName().startsWith("append")))
                .because("the feed is written through ConsumerDocuments and the writers it calls")
                .check(CLASSES);
    }
}
