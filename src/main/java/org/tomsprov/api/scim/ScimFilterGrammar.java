package org.tomsprov.api.scim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.tomsprov.app.ProblemException;
import org.tomsprov.domain.Violation;

/**
 * The part of RFC 7644's filter grammar (section 3.4.2.2) that TOMS answers, read token by token rather than cut
 * with patterns: comparisons {@code attrPath compareOp compValue}, joined with {@code and}, in parentheses or not.
 * An attribute path may carry a schema URN and a value filter ({@code emails[type eq "work"].value}); a value is a
 * string (with {@code \"} and {@code \\} escapes), {@code true}, {@code false}, {@code null} or a number. {@code or},
 * {@code not}, {@code pr} and anything unbalanced are a 400 {@code invalidFilter} that says so: TOMS never answers
 * a filter it read only in part.
 */
final class ScimFilterGrammar {

    /** One comparison: the attribute path as written (its URN removed), the operator, and the value. */
    record Comparison(String attribute, String op, String value, boolean quoted) {

        /** The attribute path lower-cased, without spaces, as the filters TOMS answers name it. */
        String key() {
            return attribute.replace(" ", "").toLowerCase(Locale.ROOT);
        }
    }

    private static final Set<String> OPERATORS = Set.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");

    private final String text;
    private final String schema;
    private int at;

    private ScimFilterGrammar(String text, String schema) {
        this.text = text;
        this.schema = schema;
    }

    /** The comparisons a filter joins with {@code and}, or a 400 naming what TOMS does not read. */
    static List<Comparison> comparisons(String filter, String schema) {
        ScimFilterGrammar grammar = new ScimFilterGrammar(filter, schema);
        List<Comparison> comparisons = new ArrayList<>();
        grammar.conjunction(comparisons);
        grammar.space();
        if (grammar.at < filter.length()) {
            throw invalid("the filter goes on after what TOMS reads (at \"" + filter.substring(grammar.at) + "\")");
        }
        return comparisons;
    }

    private void conjunction(List<Comparison> out) {
        term(out);
        while (true) {
            space();
            String word = peekWord();
            if (word.equalsIgnoreCase("and")) {
                at += word.length();
                term(out);
            } else if (word.equalsIgnoreCase("or")) {
                throw invalid("TOMS answers filters joined with and, not or");
            } else {
                return;
            }
        }
    }

    private void term(List<Comparison> out) {
        space();
        if (at < text.length() && text.charAt(at) == '(') {
            at++;
            conjunction(out);
            space();
            expect(')');
            return;
        }
        String attribute = attributePath();
        if (attribute.equalsIgnoreCase("not")) {
            throw invalid("TOMS does not answer not (...)");
        }
        space();
        String op = peekWord().toLowerCase(Locale.ROOT);
        if (op.equals("pr")) {
            throw invalid("TOMS does not answer pr (present) filters");
        }
        if (!OPERATORS.contains(op)) {
            throw invalid("after " + attribute + " comes an operator (eq, gt, ge...), not \"" + op + "\"");
        }
        at += op.length();
        space();
        if (at < text.length() && text.charAt(at) == '"') {
            out.add(new Comparison(withoutSchema(attribute), op, string(), true));
        } else {
            String value = peekWord();
            if (value.isEmpty()) {
                throw invalid(attribute + " " + op + " needs a value");
            }
            at += value.length();
            out.add(new Comparison(withoutSchema(attribute), op, value, false));
        }
    }

    /** An attribute path: name characters, URN colons and dots, and a bracketed value filter kept as written. */
    private String attributePath() {
        int start = at;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '[') {
                skipBracket();
            } else if (Character.isLetterOrDigit(c) || c == '.' || c == ':' || c == '_' || c == '-' || c == '$') {
                at++;
            } else {
                break;
            }
        }
        if (at == start) {
            throw invalid("an attribute name is expected at \"" + text.substring(start) + "\"");
        }
        return text.substring(start, at);
    }

    private void skipBracket() {
        at++;
        boolean quoted = false;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (quoted && c == '\\') {
                at++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ']' && !quoted) {
                return;
            }
        }
        throw invalid("a value filter [ is not closed with ]");
    }

    private String string() {
        StringBuilder value = new StringBuilder();
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '\\' && at < text.length()) {
                value.append(text.charAt(at++));
            } else if (c == '"') {
                return value.toString();
            } else {
                value.append(c);
            }
        }
        throw invalid("a quoted value is not closed");
    }

    private String peekWord() {
        int end = at;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '('
                && text.charAt(end) != ')' && text.charAt(end) != '"') {
            end++;
        }
        return text.substring(at, end);
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private void expect(char c) {
        if (at >= text.length() || text.charAt(at) != c) {
            throw invalid("a " + c + " is missing");
        }
        at++;
    }

    private String withoutSchema(String attribute) {
        return attribute.regionMatches(true, 0, schema + ":", 0, schema.length() + 1)
                ? attribute.substring(schema.length() + 1) : attribute;
    }

    static ProblemException invalid(String message) {
        return ProblemException.validation(List.of(new Violation("filter", "INVALID_FILTER", message)));
    }
}
