package org.tomsprov.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of California CDS codes (County 2 + District 5 + School 7 digits) and of where each kind of
 * organization may sit in the hierarchy.
 */
public final class CdsCodes {

    /** The one state organization's code. */
    public static final String STATE_CODE = "CA";

    /** The longest name of an organization, in characters. */
    public static final int MAX_NAME = 200;

    /** How an organization's code is written, as a regular expression a client can check before sending. */
    public static final String WRITTEN = "^(CA|[0-9]{14})$";

    private static final String ZERO_SCHOOL = "0000000";
    private static final java.util.regex.Pattern SCIENTIFIC = java.util.regex.Pattern.compile("[0-9]+(\\.[0-9]+)?[eE]\\+?[0-9]+");

    private CdsCodes() {
    }

    public static boolean isFourteenDigits(String code) {
        return code != null && code.length() == 14 && code.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * A CDS code as a spreadsheet cell holds it. A spreadsheet keeps typed digits as a number, which drops a leading
     * zero: the codes of counties 01 to 09 come out with 13 digits, and those 13 digits, all of them, are that code
     * with its zero in front. Anything else is returned as written (trimmed), for the lookup to find or not.
     */
    public static String fromSpreadsheet(String cell) {
        String code = cell == null ? "" : cell.trim();
        return code.length() == 13 && code.chars().allMatch(c -> c >= '0' && c <= '9') ? "0" + code : code;
    }

    /**
     * Whether a cell holds a number in scientific notation ({@code 1.96473E+13}), as a spreadsheet shows a long number
     * and writes it to CSV: the code's digits are lost and cannot be read back.
     */
    public static boolean inScientificNotation(String cell) {
        return cell != null && SCIENTIFIC.matcher(cell.trim()).matches();
    }

    /** Why a code is not 14 digits, naming the likely cause when a spreadsheet dropped its leading zero. */
    private static String fourteenDigits(String code) {
        return fromSpreadsheet(code).equals(code) ? "a CDS code is 14 digits"
                : "a CDS code is 14 digits; this one has 13, as when a spreadsheet keeps the code as a number and drops"
                        + " its leading zero (" + fromSpreadsheet(code) + "?): format the column as Text";
    }

    /** The first seven digits: county and district. */
    public static String districtPrefix(String code) {
        return code.substring(0, 7);
    }

    public static boolean hasZeroSchoolPart(String code) {
        return code.endsWith(ZERO_SCHOOL);
    }

    /**
     * Checks a new organization against its parent (null when none was found or none given).
     * Nothing is checked against existing organizations of the same code: that is the store's unique rule.
     * Returns every violation; an empty list means the organization may be created.
     */
    public static List<Violation> check(String code, String name, OrgType type, String parentCode, Organization parent) {
        List<Violation> violations = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            violations.add(new Violation("name", "INVALID_NAME", "a name is 1 to " + MAX_NAME + " characters"));
        } else if (name.indexOf('|') >= 0 || name.chars().anyMatch(Character::isISOControl)) {
            violations.add(new Violation("name", "INVALID_NAME", "a name has no '|' and no control characters"));
        }
        if (type == null) {
            violations.add(new Violation("type", "INVALID_TYPE", "type is STATE, LEA or SCHOOL"));
            return violations;
        }
        switch (type) {
            case STATE -> {
                if (!STATE_CODE.equals(code)) {
                    violations.add(new Violation("code", "INVALID_CDS_CODE", "the state's code is CA"));
                }
                if (parentCode != null) {
                    violations.add(new Violation("parentCode", "INVALID_PARENT", "the state has no parent"));
                }
            }
            case LEA -> {
                if (!isFourteenDigits(code)) {
                    violations.add(new Violation("code", "INVALID_CDS_CODE", fourteenDigits(code)));
                }
                if (!STATE_CODE.equals(parentCode)) {
                    violations.add(new Violation("parentCode", "INVALID_PARENT", "an LEA's parent is the state, CA"));
                } else if (parent == null) {
                    violations.add(new Violation("parentCode", "PARENT_NOT_FOUND", "the state CA does not exist yet"));
                }
            }
            case SCHOOL -> {
                if (!isFourteenDigits(code)) {
                    violations.add(new Violation("code", "INVALID_CDS_CODE", fourteenDigits(code)));
                } else if (hasZeroSchoolPart(code)) {
                    violations.add(new Violation("code", "INVALID_CDS_CODE",
                            "a school's code has a non-zero school part (its last 7 digits)"));
                }
                if (parentCode == null) {
                    violations.add(new Violation("parentCode", "INVALID_PARENT", "a school's parent is its LEA"));
                } else if (parent == null) {
                    violations.add(new Violation("parentCode", "PARENT_NOT_FOUND", "no LEA has the code " + parentCode));
                } else if (parent.type() != OrgType.LEA) {
                    violations.add(new Violation("parentCode", "INVALID_PARENT", "a school's parent must be an LEA"));
                } else if (isFourteenDigits(code) && !schoolFitsLea(code, parent.code())) {
                    violations.add(new Violation("code", "SCHOOL_OUTSIDE_LEA",
                            "a school's first 7 digits must equal its LEA's (" + districtPrefix(parent.code()) + ")"));
                }
            }
        }
        return violations;
    }

    /**
     * A school belongs under an LEA when their first seven digits match, or, under a directly funded charter
     * LEA (whose own school part is not zero), when the school carries the charter's own code.
     */
    public static boolean schoolFitsLea(String schoolCode, String leaCode) {
        if (districtPrefix(schoolCode).equals(districtPrefix(leaCode))) {
            return true;
        }
        return !hasZeroSchoolPart(leaCode) && schoolCode.equals(leaCode);
    }
}
