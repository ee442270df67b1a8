package org.tomsprov.app.startup;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.audit.AuditLog;
import org.tomsprov.app.consumers.ConsumerDocuments;
import org.tomsprov.config.TomsConfig;
import org.tomsprov.domain.CdsCodes;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.Role;
import org.tomsprov.persistence.GrantLedger;
import org.tomsprov.persistence.OrganizationEntity;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.persistence.Place;
import org.tomsprov.persistence.UserRepository;

/**
 * Start-up data: the bootstrap state administrator ({@code TOMS_BOOTSTRAP_ADMIN_EMAIL}) and, in demo mode, the
 * demo organizations and people. Both are idempotent: a restart changes nothing that is already there.
 */
@ApplicationScoped
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class);
    static final String SYSTEM_ACTOR = "system:bootstrap";

    private final TomsConfig config;
    private final OrganizationRepository organizations;
    private final UserRepository users;
    private final GrantLedger ledger;
    private final ConsumerDocuments documents;
    private final AdministrationYears years;
    private final DemoData demo;

    Bootstrap(TomsConfig config, OrganizationRepository organizations, UserRepository users, GrantLedger ledger,
            ConsumerDocuments documents, AdministrationYears years, DemoData demo) {
        this.config = config;
        this.organizations = organizations;
        this.users = users;
        this.ledger = ledger;
        this.documents = documents;
        this.years = years;
        this.demo = demo;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        // replicas start together: one at a time ensures the same rows
        organizations.lockForStartup();
        years.override().ifPresent(override -> years.recorded().filter(recorded -> !recorded.equals(override))
                .ifPresent(recorded -> LOG.warnf("TOMS_ADMINISTRATION_YEAR=%s overrides the administration calendar's"
                        + " current year %s: roles of %s count; remove it to follow the calendar", override, recorded,
                        override)));
        config.bootstrapAdminEmail().filter(e -> !e.isBlank()).ifPresent(email -> {
            OrganizationEntity state = ensureState();
            ensurePerson(email, "State", "Administrator", Role.STATE_ADMINISTRATOR, state, false);
            LOG.info("bootstrap state administrator ensured");
        });
        if (config.demo()) {
            demo.load(this);
        }
    }

    OrganizationEntity ensureState() {
        return organizations.findByCodeAndType(CdsCodes.STATE_CODE, OrgType.STATE).orElseGet(() -> {
            OrganizationEntity state = new OrganizationEntity();
            state.code = CdsCodes.STATE_CODE;
            state.name = "CALIFORNIA";
            state.type = OrgType.STATE;
            organizations.persist(state);
            return state;
        });
    }

    OrganizationEntity ensureOrganization(String code, String name, OrgType type, OrganizationEntity parent) {
        return organizations.findByCodeAndType(code, type).orElseGet(() -> {
            OrganizationEntity org = new OrganizationEntity();
            org.code = code;
            org.name = name;
            org.type = type;
            org.parent = parent;
            organizations.persist(org);
            return org;
        });
    }

    /** Ensures the person exists and holds the role at the organization this year, through the grant pipeline. */
    void ensurePerson(String email, String first, String last, Role role, OrganizationEntity org, boolean primary) {
        Email address = Email.of(email);
        Place place = Place.of(org);
        GrantLedger.Author by = AuditLog.author(SYSTEM_ACTOR);
        UUID id = users.findByEmail(address).map(u -> u.id)
                .or(() -> ledger.createPerson(by, new GrantLedger.NewPerson(address, first, last, null, List.of(place))))
                .or(() -> users.findByEmail(address).map(u -> u.id)).orElseThrow();
        if (!ledger.grant(by, years.current().toString(),
                List.of(new GrantLedger.NewAssignment(id, role, place, primary))).isEmpty()) {
            documents.rolesChanged(List.of(id));
        }
    }

}
