package org.tomsprov;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void domainAndAuthorizationStayPlainJava() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tomsprov");

        noClasses().that().resideInAnyPackage("org.tomsprov.domain..", "org.tomsprov.authz..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta.persistence..",
                        "jakarta.ws.rs..", "jakarta.enterprise..", "jakarta.transaction..", "org.hibernate..",
                        "com.fasterxml.jackson..", "org.tomsprov.app..", "org.tomsprov.api..",
                        "org.tomsprov.persistence..")
                .because("the domain and the authorizer are plain Java, testable without a framework")
                .check(classes);
    }
}
