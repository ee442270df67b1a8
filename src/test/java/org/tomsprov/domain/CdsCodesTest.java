package org.tomsprov.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CdsCodesTest {

    static final Organization STATE = new Organization("CA", "CALIFORNIA", OrgType.STATE, null, OrgStatus.ACTIVE);
    static final Organization LAUSD = new Organization("19647330000000", "Los Angeles Unified", OrgType.LEA, "CA", OrgStatus.ACTIVE);
    static final Organization CHARTER = new Organization("19647330122606", "A Charter", OrgType.LEA, "CA", OrgStatus.ACTIVE);

    static Organization parent(String code) {
        return switch (code == null ? "" : code) {
            case "CA" -> STATE;
            case "19647330000000" -> LAUSD;
            case "19647330122606" -> CHARTER;
            default -> null;
        };
    }

    @ParameterizedTest(name = "{1} {0} under {2}: {3}")
    @CsvSource(nullValues = "null", value = {
            "19647330000000, LEA, CA, ",
            "19647330122606, LEA, CA, ",
            "1964733000000, LEA, CA, INVALID_CDS_CODE",
            "196473300000001, LEA, CA, INVALID_CDS_CODE",
            "1964733000000A, LEA, CA, INVALID_CDS_CODE",
            "19647330000000, LEA, null, INVALID_PARENT",
            "19647331930001, SCHOOL, 19647330000000, ",
            "37683383731239, SCHOOL, 19647330000000, SCHOOL_OUTSIDE_LEA",
            "19647330000000, SCHOOL, 19647330000000, INVALID_CDS_CODE",
            "19647331930001, SCHOOL, null, INVALID_PARENT",
            "19647331930001, SCHOOL, 99999990000000, PARENT_NOT_FOUND",
            "19647331930001, SCHOOL, CA, INVALID_PARENT",
            "19647330122606, SCHOOL, 19647330122606, ",
            "CA, STATE, null, ",
            "XX, STATE, null, INVALID_CDS_CODE"})
    void cdsRules(String code, OrgType type, String parentCode, String expectedCode) {
        Organization parent = type == OrgType.SCHOOL && "CA".equals(parentCode) ? STATE : parent(parentCode);
        List<Violation> violations = CdsCodes.check(code, "Some Name", type, parentCode, parent);

        if (expectedCode == null) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations).extracting(Violation::code).contains(expectedCode);
        }
    }

    @ParameterizedTest
    @CsvSource({"'', INVALID_NAME", "'Pipe | District', INVALID_NAME"})
    void namesAreRequiredAndCannotBreakTenancyChains(String name, String expected) {
        assertThat(CdsCodes.check("19647330000000", name, OrgType.LEA, "CA", STATE))
                .extracting(Violation::code).containsExactly(expected);
    }

    @ParameterizedTest(name = "the cell \"{0}\" is the code {1}")
    @CsvSource(value = {
            "01612590130146, 01612590130146",
            "1612590130146, 01612590130146",
            " 1612590130146 , 01612590130146",
            "19647331930001, 19647331930001",
            "161259013014, 161259013014",
            "161259013014A, 161259013014A",
            "'', ''",
            "CA, CA"})
    void aThirteenDigitCodeFromASpreadsheetGetsBackTheZeroTheSpreadsheetDropped(String cell, String code) {
        assertThat(CdsCodes.fromSpreadsheet(cell)).isEqualTo(code);
    }

    @ParameterizedTest(name = "\"{0}\" in scientific notation: {1}")
    @CsvSource(value = {
            "1.96473E+13, true",
            "1.61259e+12, true",
            "2E13, true",
            "19647331930001, false",
            "1.5, false",
            "E+13, false",
            "'', false"})
    void aNumberInScientificNotationIsRecognized(String cell, boolean scientific) {
        assertThat(CdsCodes.inScientificNotation(cell)).isEqualTo(scientific);
    }

    @ParameterizedTest(name = "a new {1} coded {0}: names the dropped zero {2}")
    @CsvSource(value = {
            "1612590000000, LEA, true",
            "1612590130146, SCHOOL, true",
            "161259000000, LEA, false",
            "1612590000000A, LEA, false"})
    void aThirteenDigitCodeIsRefusedNamingTheZeroASpreadsheetDropped(String code, OrgType type, boolean hint) {
        String parent = type == OrgType.LEA ? "CA" : "01612590000000";
        Organization lea = new Organization("01612590000000", "Alameda Unified", OrgType.LEA, "CA", OrgStatus.ACTIVE);
        List<Violation> violations = CdsCodes.check(code, "A Name", type, parent, type == OrgType.LEA ? STATE : lea);
        assertThat(violations).extracting(Violation::code).contains("INVALID_CDS_CODE");
        String message = violations.stream().filter(v -> v.field().equals("code")).findFirst().orElseThrow().message();
        if (hint) {
            assertThat(message).contains("0" + code + "?").contains("format the column as Text");
        } else {
            assertThat(message).isEqualTo("a CDS code is 14 digits");
        }
    }
}
