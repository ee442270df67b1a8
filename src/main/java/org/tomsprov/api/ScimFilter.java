package org.tomsprov.api;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tomsprov.app.ProblemException;
import org.tomsprov.app.scim.ScimUsers;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.Violation;

/**
 * The SCIM filters TOMS answers (RFC 7644 section 3.4.2.2), joined with {@code and}: {@code userName eq "..."},
 * {@code externalId eq "..."} (the client's own id, as Okta and Entra match once linked),
 * {@code emails.value eq "..."} (also {@code emails[type eq "work"].value eq}), {@code active eq true|false},
 * {@code meta.lastModified gt|ge "<date-time>"}. Anything else is a 400 {@code invalidFilter} naming what is not
 * supported, never a silently wider answer.
 */
final class ScimFilter {

    static final String SUPPORTED = "userName eq, externalId eq, emails.value eq, active eq, meta.lastModified gt|ge,"
            + " joined with and";

    private static final Pattern TERM = Pattern.compile(
            "\\s*([A-Za-z][A-Za-z0-9.:\\[\\]\" ]*?)\\s+(eq|gt|ge)\\s+(\"(?:[^\"\\\\]|\\\\.)*\"|true|false)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AND = Pattern.compile("\\s+and\\s+", Pattern.CASE_INSENSITIVE);

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
        for (String term : terms(filter.trim())) {
            Matcher m = TERM.matcher(term);
            if (!m.matches()) {
                throw invalid("the filter " + filter + " is not one TOMS answers: " + SUPPORTED);
            }
            String attribute = m.group(1).replace(" ", "").toLowerCase(Locale.ROOT)
                    .replace(ScimJson.USER_SCHEMA.toLowerCase(Locale.ROOT) + ":", "");
            String op = m.group(2).toLowerCase(Locale.ROOT);
            String value = m.group(3);
            boolean quoted = value.startsWith("\"");
            String text = quoted ? value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\") : value;
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
                    require(op.equals("eq") && !quoted, "active takes eq and true or false");
                    active = Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
                }
                case "meta.lastmodified" -> {
                    require(!op.equals("eq") && quoted, "meta.lastModified takes gt or ge and a date-time");
                    try {
                        modified = OffsetDateTime.parse(text);
                    } catch (DateTimeParseException e) {
                        throw invalid(text + " is not a date-time like 2026-08-01T00:00:00Z");
                    }
                    inclusive = op.equals("ge");
                }
                default -> throw invalid("TOMS does not filter on " + m.group(1).trim() + "; it answers " + SUPPORTED);
            }
        }
        return new ScimUsers.Query(userName, externalId, active, modified, inclusive);
    }

    private static final Pattern DISPLAY_NAME = Pattern.compile(
            "\\s*displayName\\s+eq\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*", Pattern.CASE_INSENSITIVE);

    /** The one group filter TOMS answers, {@code displayName eq "..."}: the name it asks for, null without a filter. */
    static String groupDisplayName(String filter) {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        Matcher m = DISPLAY_NAME.matcher(filter);
        if (!m.matches()) {
            throw invalid("the filter " + filter + " is not one TOMS answers for groups: displayName eq \"ROLE_ID@CDSCODE\"");
        }
        return m.group(1).replace("\\\"", "\"");
    }

    /** The filter's terms: split at each {@code and} outside a quoted value, so a value may contain " and ". */
    static List<String> terms(String filter) {
        List<String> terms = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                Matcher and = AND.matcher(filter).region(i, filter.length());
                if (and.lookingAt()) {
                    terms.add(filter.substring(start, i));
                    start = and.end();
                    i = start - 1;
                }
            }
        }
        terms.add(filter.substring(start));
        return terms;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw invalid(message);
        }
    }

    private static ProblemException invalid(String message) {
        return ProblemException.validation(List.of(new Violation("filter", "INVALID_FILTER", message)));
    }
}
