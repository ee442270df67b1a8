package org.tomsprov.domain;

import java.util.StringJoiner;

/**
 * The RDW / Digital Library tenancy chain: one string per (permission, organization) grant, 17 fields between
 * 18 pipes:
 * {@code |EntityID|Role|Level|ClientID|Client|GroupOfStatesID|GroupOfStates|StateID|State|GroupOfDistrictsID|
 * GroupOfDistricts|DistrictID|District|GroupOfInstitutionsID|GroupOfInstitutions|InstitutionID|Institution|}.
 * The organization's own and its ancestors' id and name fields are filled; group fields stay empty.
 */
public final class TenancyChain {

    public static final int FIELD_COUNT = 17;

    private TenancyChain() {
    }

    public static String format(CersPermission permission, OrgPath org, String clientId, String clientName) {
        Organization target = org.target();
        String[] fields = new String[FIELD_COUNT];
        java.util.Arrays.fill(fields, "");
        fields[0] = target.code();
        fields[1] = permission.tenancyToken();
        fields[2] = switch (org.level()) {
            case STATE -> "STATE";
            case LEA -> "DISTRICT";
            case SCHOOL -> "INSTITUTION";
        };
        fields[3] = clientId;
        fields[4] = clientName;
        fields[7] = org.state().code();
        fields[8] = org.state().name();
        if (org.lea() != null) {
            fields[11] = org.lea().code();
            fields[12] = org.lea().name();
        }
        if (org.school() != null) {
            fields[15] = org.school().code();
            fields[16] = org.school().name();
        }
        StringJoiner chain = new StringJoiner("|", "|", "|");
        for (String field : fields) {
            chain.add(field.replace('|', '/'));
        }
        return chain.toString();
    }

    /**
     * The chain with its name fields (state, district, institution) emptied: what a person may do and where, by
     * code, whatever the organizations are called.
     */
    public static String withoutNames(String chain) {
        String[] fields = chain.split("\\|", -1);
        for (int name : new int[] {9, 13, 17}) {
            if (name < fields.length) {
                fields[name] = "";
            }
        }
        return String.join("|", fields);
    }
}
