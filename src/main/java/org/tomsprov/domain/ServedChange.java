package org.tomsprov.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What moved in what a consumer is served about a person, as a permission-change feed entry names it, so that a
 * consumer that only acts on permissions can skip the rest.
 *
 * <ul>
 *   <li>{@link #PERMISSIONS}: what the person may do, and where, by CDS code (their roles, their status, an
 *       organization closed or moved, the administration year);</li>
 *   <li>{@link #ORGANIZATION}: the same permissions at the same organizations, but an organization's name as the
 *       tenancy chains show it;</li>
 *   <li>{@link #PROFILE}: the email address as written (a change of letter case included).</li>
 * </ul>
 */
public enum ServedChange {
    PERMISSIONS, ORGANIZATION, PROFILE;

    /**
     * The parts of what a person is served, each reduced to a digest, in one short text a stored document keeps:
     * the permissions as codes ({@link TenancyChain#withoutNames}), the chains as shown, and the email as written.
     */
    public record Aspects(String permissions, String chains, String email) {

        /** The aspects of a person served this email and these tenancy chains. */
        public static Aspects of(String email, List<String> chains, java.util.function.UnaryOperator<String> digest) {
            return new Aspects(digest.apply(String.join(",", chains.stream().map(TenancyChain::withoutNames)
                    .sorted().toList())), digest.apply(String.join(",", chains)), digest.apply(email));
        }

        /** As stored: the three digests joined by {@code :}. */
        public String text() {
            return permissions + ":" + chains + ":" + email;
        }

        /** The stored text read back; null (a document written before aspects were kept) is null. */
        public static Aspects parse(String text) {
            if (text == null) {
                return null;
            }
            String[] parts = text.split(":", -1);
            return parts.length == 3 ? new Aspects(parts[0], parts[1], parts[2]) : null;
        }
    }

    /**
     * What moved between what was served ({@code before}; null when nothing was, or what moved was not kept) and
     * what is served now: every kind when {@code before} is unknown.
     */
    public static Set<ServedChange> between(Aspects before, Aspects now) {
        if (before == null) {
            return EnumSet.allOf(ServedChange.class);
        }
        Set<ServedChange> changes = EnumSet.noneOf(ServedChange.class);
        if (!before.permissions().equals(now.permissions())) {
            changes.add(PERMISSIONS);
        } else if (!before.chains().equals(now.chains())) {
            changes.add(ORGANIZATION);
        }
        if (!Objects.equals(before.email(), now.email())) {
            changes.add(PROFILE);
        }
        return changes;
    }
}
