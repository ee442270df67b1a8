package org.tomsprov.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for people's records (DOMAIN.md section 5): the email is the username (at most 128 characters);
 * first and last names are required, 1 to 35 characters in any script; the phone is optional, a North American
 * number of ten digits written as people and identity providers write it, kept as {@code ddd-ddd-dddd} with an
 * optional {@code  xNNNN} extension ({@link #phone}).
 */
public final class PersonRules {

    public static final int MAX_EMAIL = 128;
    public static final int MAX_NAME = 35;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** How a phone is kept and answered: {@code 916-555-0100}, with an optional extension {@code  x1234}. */
    public static final String PHONE_WRITTEN = "^\\d{3}-\\d{3}-\\d{4}( x\\d{1,5})?$";
    /** The longest phone text taken, however it is written. */
    public static final int MAX_PHONE = 40;
    /** The ways of writing a phone that are taken, in words for clients. */
    public static final String PHONE_FORMS = "a 10-digit North American number: 916-555-0100, (916) 555-0100,"
            + " 916.555.0100, 9165550100, +1 916 555 0100, +19165550100 or tel:+1-916-555-0100, optionally with an"
            + " extension (x1234, ext. 1234, ;ext=1234)";
    private static final Pattern EXTENSION = Pattern.compile(
            "(?i)\\s*(?:;\\s*ext\\s*=\\s*|,?\\s*(?:x|ext\\.?|extension)\\s*)(\\d{1,5})\\s*$");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9 ().-]+");

    private PersonRules() {
    }

    public static List<Violation> checkEmail(String field, Email address) {
        String email = address == null ? null : address.value();
        if (email == null || email.isBlank()) {
            return List.of(new Violation(field, "REQUIRED", "an email address is required"));
        }
        if (email.length() > MAX_EMAIL) {
            return List.of(new Violation(field, "TOO_LONG", "an email address is at most " + MAX_EMAIL + " characters"));
        }
        java.util.Optional<String> unseen = address.unseenCharacter();
        if (unseen.isPresent()) {
            return List.of(new Violation(field, "INVALID_EMAIL", "the address has a character that shows nothing ("
                    + unseen.get() + "), such as a space: an address is written without one"));
        }
        if (!EMAIL.matcher(email).matches()) {
            return List.of(new Violation(field, "INVALID_EMAIL", "not an email address: " + email));
        }
        return address.disguisedLetter().map(c -> List.of(new Violation(field, "INVALID_EMAIL", "the address has "
                + c + ", which lower-cases to a plain letter and would make it another person's address: write the"
                + " plain letter"))).orElse(List.of());
    }

    public static List<Violation> checkName(String field, String label, String name) {
        if (name == null || name.isBlank()) {
            return List.of(new Violation(field, "REQUIRED", label + " is required"));
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_NAME) {
            return List.of(new Violation(field, "TOO_LONG", label + " is at most " + MAX_NAME + " characters"));
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            return List.of(new Violation(field, "INVALID_NAME", label + " has control characters"));
        }
        return List.of();
    }

    public static List<Violation> checkPhone(String field, String phone) {
        if (phone == null || phone.isBlank() || canonicalPhone(phone).isPresent()) {
            return List.of();
        }
        return List.of(new Violation(field, "INVALID_PHONE", "a phone is " + PHONE_FORMS));
    }

    /**
     * A phone in the one form TOMS keeps ({@code 916-555-0100}, {@code  x1234} for an extension) from any of
     * {@link #PHONE_FORMS}: E.164, RFC 3966 {@code tel:} URIs as identity providers send them (RFC 7643 section
     * 4.1.2), and the national forms people type. Empty when it is none of them.
     */
    public static Optional<String> canonicalPhone(String raw) {
        if (raw == null || raw.length() > MAX_PHONE) {
            return Optional.empty();
        }
        String text = raw.trim();
        if (text.regionMatches(true, 0, "tel:", 0, 4)) {
            text = text.substring(4);
        }
        String extension = "";
        Matcher ext = EXTENSION.matcher(text);
        if (ext.find()) {
            extension = " x" + ext.group(1);
            text = text.substring(0, ext.start());
        }
        if (!NUMBER.matcher(text).matches()) {
            return Optional.empty();
        }
        String digits = text.replaceAll("[^0-9]", "");
        if (text.startsWith("+") || digits.length() == 11) {
            if (digits.length() != 11 || digits.charAt(0) != '1') {
                return Optional.empty();
            }
            digits = digits.substring(1);
        }
        if (digits.length() != 10) {
            return Optional.empty();
        }
        return Optional.of(digits.substring(0, 3) + "-" + digits.substring(3, 6) + "-" + digits.substring(6) + extension);
    }

    /** A phone as stored: its kept form, or absent when blank. Call after {@link #checkPhone}. */
    public static String phone(String raw) {
        String text = blankToNull(raw);
        return text == null ? null : canonicalPhone(text).orElse(text);
    }

    /** Every violation of a full profile. */
    public static List<Violation> checkProfile(Email email, String firstName, String lastName, String phone) {
        List<Violation> violations = new ArrayList<>();
        violations.addAll(checkEmail("email", email));
        violations.addAll(checkName("firstName", "first name", firstName));
        violations.addAll(checkName("lastName", "last name", lastName));
        violations.addAll(checkPhone("phone", phone));
        return violations;
    }

    /** Optional text as stored: trimmed, and absent when blank. */
    public static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** Names are trimmed and inner runs of spaces collapsed. */
    public static String normalizeName(String name) {
        return name == null ? null : SPACES.matcher(name.trim()).replaceAll(" ");
    }
}
