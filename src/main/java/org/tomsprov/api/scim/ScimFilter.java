package org.tomsprov.api.scim;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.tomsprov.app.ProblemException;
import org.tomsprov.app.scim.ScimUsers;
import org.tomsprov.domain.Email;

/**
 * The SCIM filters TOMS answers (RFC 7644 section 3.4.2.2), joined with {@code and}: {@code userName eq "..."},
 * {@code externalId eq "..."} (the client's own id, as Okta and Entra match once linked),
 * {@code emails.value eq "..."} (also {@code emails[type eq "work"].value eq}), {@code active eq true|false},
 * {@code meta.lastModified gt|ge "<date-time>"}, read by {@link ScimFilterGrammar}. Anything else is a 400
 * {@code invalidFilter} naming what is not supported, never a silently wider answer.
 */
final class ScimFilter {

    static final String SUPPORTED = "userName eq, externalId eq, emails.value eq, active eq, meta.lastModified gt|ge,"
            + " joined with and";

    private ScimFilter() {
    }

    static ScimUsers.Query parse(String filter) {
        Email userName = null;
        String externalId = null;
        Boolean active = null;
        OffsetDateTime modified = null;
        boolean inclusive = false;
        if (filter == null || filter.isBlank()) {
            return new ScimUsers.Query(null, null, null, null, false);
        }
        for (ScimFilterGrammar.Comparison term : ScimFilterGrammar.comparisons(filter.trim(), ScimJson.USER_SCHEMA)) {
            String attribute = term.key();
            String op = term.op();
            boolean quoted = term.quoted();
            String text = term.value();
            switch (attribute) {
                case "username", "emails.value", "emails[typeeq\"work\"].value" -> {
                    require(op.equals("eq") && quoted, attribute + " takes eq and a string");
                    Email email = Email.ofNullable(text);
                    if (userName != null && !userName.sameAs(email)) {
                        throw invalid("userName and emails.value ask for two people");
                    }
                    userName = email;
                }
                case "externalid" -> {
                    require(op.equals("eq") && quoted, "externalId takes eq and a string");
                    require(externalId == null || externalId.equals(text), "two externalIds ask for two people");
                    externalId = text;
                }
                case "active" -> {
                    require(op.equals("eq") && !quoted && List.of("true", "false").contains(text.toLowerCase(Locale.ROOT)),
                            "active takes eq and true or false");
                    active = Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
                }
                case "meta.lastmodified" -> {
                    require((op.equals("gt") || op.equals("ge")) && quoted, "meta.lastModified takes gt or ge and a"
                            + " date-time");
                    try {
                        modified = OffsetDateTime.parse(text);
                    } catch (DateTimeParseException e) {
                        throw invalid(text + " is not a date-time like 2026-08-01T00:00:00Z");
                    }
                    inclusive = op.equals("ge");
                }
                default -> throw invalid("TOMS does not filter on " + term.attribute() + "; it answers " + SUPPORTED);
            }
        }
        return new ScimUsers.Query(userName, externalId, active, modified, inclusive);
    }

    /** The one group filter TOMS answers, {@code displayName eq "..."}: the name it asks for, null without a filter. */
    static String groupDisplayName(String filter) {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        List<ScimFilterGrammar.Comparison> terms = ScimFilterGrammar.comparisons(filter.trim(), ScimJson.GROUP_SCHEMA);
        require(terms.size() == 1 && terms.get(0).key().equals("displayname") && terms.get(0).op().equals("eq")
                && terms.get(0).quoted(), "the filter " + filter + " is not one TOMS answers for groups: displayName eq"
                + " \"ROLE_ID@CDSCODE\"");
        return terms.get(0).value();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw invalid(message);
        }
    }

    private static ProblemException invalid(String message) {
        return ScimFilterGrammar.invalid(message);
    }
}
