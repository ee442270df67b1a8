package org.tomsprov.upload;

import java.util.List;

/** The columns of TOMS' "Upload Users" file, with the header variants people write. */
public enum UploadColumn {
    FIRST_NAME("First Name", true),
    LAST_NAME("Last Name", true),
    EMAIL("Email Address", true, "E-mail Address", "Email", "E-mail", "Username"),
    PHONE("Telephone Number", false, "Phone", "Phone Number", "Telephone"),
    CDS_CODE("CDS Code", true, "CDS", "Organization Code", "Org Code"),
    ROLE("Role", true, "Role Name", "Role ID"),
    ACTION("Action", false),
    ADMINISTRATION_YEAR("Administration Year", false, "Year", "School Year", "Test Administration Year");

    private final String header;
    private final boolean required;
    private final List<String> aliases;

    UploadColumn(String header, boolean required, String... aliases) {
        this.header = header;
        this.required = required;
        this.aliases = List.of(aliases);
    }

    /** The header as the template writes it. */
    public String header() {
        return header;
    }

    public boolean required() {
        return required;
    }

    public List<String> aliases() {
        return aliases;
    }
}
