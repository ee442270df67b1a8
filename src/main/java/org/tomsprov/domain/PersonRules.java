package org.tomsprov.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules for people's records (DOMAIN.md section 5): the email is the username (at most 128 characters);
 * first and last names are required, 1 to 35 characters in any script; the phone is optional,
 * {@code ddd-ddd-dddd} with an optional {@code  xNNNN} extension.
 */
public final class PersonRules {

    public static final int MAX_EMAIL = 128;
    public static final int MAX_NAME = 35;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** How a phone is written: {@code 916-555-0100}, with an optional extension {@code  x1234}. */
    public static final String PHONE_WRITTEN = "^\\d{3}-\\d{3}-\\d{4}( x\\d{1,5})?$";
    private static final Pattern PHONE = Pattern.compile(PHONE_WRITTEN);

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
        if (phone == null || phone.isEmpty() || PHONE.matcher(phone).matches()) {
            return List.of();
        }
        return List.of(new Violation(field, "INVALID_PHONE", "a phone number is written 916-555-0100, optionally with ' x1234'"));
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
