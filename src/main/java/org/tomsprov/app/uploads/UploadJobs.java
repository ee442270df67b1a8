package org.tomsprov.app.uploads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.io.ByteArrayInputStream;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.tomsprov.domain.Email;
import org.tomsprov.authz.Actor;
import org.tomsprov.authz.Caller;
import org.tomsprov.authz.Decision;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.config.TomsConfig;
import org.tomsprov.domain.OrgPath;
import org.tomsprov.domain.PersonRules;
import org.tomsprov.domain.Role;
import org.tomsprov.domain.Violation;
import org.tomsprov.persistence.OrganizationEntity;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.persistence.UploadEntity;
import org.tomsprov.persistence.UploadEntity.Status;
import org.tomsprov.persistence.UploadRepository;
import org.tomsprov.persistence.UserRepository;
import org.tomsprov.upload.FileRejectedException;
import org.tomsprov.upload.SheetReader;
import org.tomsprov.upload.UploadColumn;
import org.tomsprov.upload.UploadFormat;
import org.tomsprov.app.uploads.UploadService.Summary;
import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.Metrics;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.audit.AuditLog;
import org.tomsprov.app.identity.Actors;

/**
 * The background work of uploads. Validation streams the file, checks every row (data rules and the uploader's
 * rights, through the {@link HierarchyScopeAuthorizer}) and stages the good rows in chunks, then runs the
 * cross-row checks and the summary in SQL. Commit re-checks the rights against today's state and applies every
 * row in one transaction, with the audit events and feed entries the single-user paths write, or nothing.
 */
@ApplicationScoped
public class UploadJobs {

    private static final Logger LOG = Logger.getLogger(UploadJobs.class);
    static final int CHUNK = 1000;

    /** A step of the commit, for {@link CommitHooks}. */
    public enum CommitStep { USERS_CREATED, ROLES_GRANTED, ROLES_REMOVED, FEED_WRITTEN }

    private final UploadRepository uploads;
    private final UserRepository users;
    private final OrganizationRepository organizations;
    private final Actors actors;
    private final HierarchyScopeAuthorizer authorizer;
    private final AdministrationYears years;
    private final AuditLog audit;
    private final TomsConfig config;
    private final EntityManager em;
    private final ObjectMapper json;
    private final CommitHooks hooks;
    private final Metrics metrics;

    UploadJobs(UploadRepository uploads, UserRepository users, OrganizationRepository organizations, Actors actors,
            HierarchyScopeAuthorizer authorizer, AdministrationYears years, AuditLog audit, TomsConfig config,
            EntityManager em, ObjectMapper json, CommitHooks hooks, Metrics metrics) {
        this.uploads = uploads;
        this.users = users;
        this.organizations = organizations;
        this.actors = actors;
        this.authorizer = authorizer;
        this.years = years;
        this.audit = audit;
        this.config = config;
        this.em = em;
        this.json = json;
        this.hooks = hooks;
        this.metrics = metrics;
    }

    private volatile boolean stopping;

    /** Validation stops at the next chunk boundary: the job stays claimable and starts over from its file. */
    private static final class Paused extends RuntimeException {
        Paused() {
            super(null, null, false, false);
        }
    }

    /**
     * The service is shutting down: validations stop at their next safe point (between chunks, each chunk its own
     * transaction); a commit, one transaction, finishes or rolls back whole.
     */
    void stop() {
        stopping = true;
    }

    /** Runs whatever the claimed upload needs next. */
    public void process(UUID id) {
        Status status = QuarkusTransaction.requiringNew().call(() -> uploads.findById(id).status);
        switch (status) {
            case RECEIVED, VALIDATING -> validate(id);
            case COMMITTING -> commit(id);
            default -> { }
        }
    }

    // ------------------------------------------------------------------------------------------- validation

    /** A parsed row ready for staging. */
    record Staged(int row, String email, String firstName, String lastName, String phone, Role role, long orgId,
            Long leaId, boolean remove) {
    }

    /** Where a role would be granted: the organization row and its path. */
    record Place(long id, Long leaId, OrgPath path) {
    }

    void validate(UUID id) {
        record Start(String uploader, UploadFormat format, byte[] content) {
        }
        long started = System.nanoTime();
        Start start = QuarkusTransaction.requiringNew().call(() -> {
            UploadEntity upload = uploads.findById(id);
            upload.status = Status.VALIDATING;
            upload.processedRows = 0;
            upload.totalRows = 0;
            upload.errorCount = 0;
            em.createNativeQuery("delete from upload_row where upload_id = ?1").setParameter(1, id).executeUpdate();
            em.createNativeQuery("delete from upload_error where upload_id = ?1").setParameter(1, id).executeUpdate();
            return new Start(upload.uploaderEmail, UploadFormat.valueOf(upload.format), upload.content);
        });
        Caller uploader = QuarkusTransaction.requiringNew().call(() -> callerFor(start.uploader()));
        Map<String, Optional<Place>> places = new HashMap<>();
        List<SheetReader.Row> chunk = new ArrayList<>(CHUNK);
        int[] counts = new int[2];
        int maxRows = config.upload().maxRows();
        try {
            SheetReader.read(start.format(), new ByteArrayInputStream(start.content()), row -> {
                if (++counts[0] > maxRows) {
                    throw new FileRejectedException("TOO_MANY_ROWS", "the file has more than " + maxRows + " rows; split it");
                }
                chunk.add(row);
                if (chunk.size() == CHUNK) {
                    counts[1] += stageChunk(id, uploader, chunk, places, counts[0]);
                    chunk.clear();
                    if (stopping) {
                        throw new Paused();
                    }
                }
            });
            counts[1] += stageChunk(id, uploader, chunk, places, counts[0]);
        } catch (Paused e) {
            LOG.infof("upload %s: validation paused at row %d for shutdown; it starts over at the next claim", id, counts[0]);
            return;
        } catch (FileRejectedException e) {
            QuarkusTransaction.requiringNew().run(() -> {
                UploadEntity upload = uploads.findById(id);
                upload.status = Status.REJECTED;
                upload.problemCode = e.code();
                upload.problemDetail = e.getMessage();
                upload.finishedAt = OffsetDateTime.now();
                upload.content = null;
                em.createNativeQuery("delete from upload_row where upload_id = ?1").setParameter(1, id).executeUpdate();
            });
            metrics.upload("validate", "rejected", counts[0], Duration.ofNanos(System.nanoTime() - started));
            return;
        }
        int total = counts[0];
        int rowErrors = counts[1];
        QuarkusTransaction.requiringNew().run(() -> {
            int crossRow = crossRowChecks(id);
            Summary summary = summarize(id);
            UploadEntity upload = uploads.findById(id);
            upload.status = Status.VALIDATED;
            upload.totalRows = total;
            upload.processedRows = total;
            upload.errorCount = rowErrors + crossRow;
            upload.summary = toJson(summary);
            upload.validatedAt = OffsetDateTime.now();
        });
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.upload("validate", rowErrors > 0 ? "errors" : "validated", total, took);
        LOG.infof("upload %s validated: %d rows, %d in error, %d ms", id, total, rowErrors, took.toMillis());
    }

    private Caller callerFor(String email) {
        Actor actor = users.findByEmail(email).map(actors::of).orElse(Actor.none());
        return new Caller.Person(email, actor);
    }

    /** Checks a chunk of rows, stages the good ones, records the errors and the progress; returns rows in error. */
    private int stageChunk(UUID id, Caller uploader, List<SheetReader.Row> rows, Map<String, Optional<Place>> places,
            int processed) {
        if (rows.isEmpty()) {
            return 0;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Staged> staged = new ArrayList<>(rows.size());
            List<Object[]> errors = new ArrayList<>();
            int rowsInError = 0;
            for (SheetReader.Row row : rows) {
                List<Violation> violations = new ArrayList<>();
                Staged good = check(row, uploader, places, violations);
                if (good != null) {
                    staged.add(good);
                } else {
                    rowsInError++;
                    for (Violation v : violations) {
                        errors.add(new Object[] {row.number(), v.field(), cell(row, v.field()), v.code(), v.message()});
                    }
                }
            }
            writeChunk(id, staged, errors);
            uploads.progress(id, processed, processed);
            return rowsInError;
        });
    }

    /** Checks one row; returns it staged, or null with the violations filled in. */
    private Staged check(SheetReader.Row row, Caller uploader, Map<String, Optional<Place>> places, List<Violation> out) {
        for (UploadColumn column : UploadColumn.values()) {
            org.tomsprov.domain.SafeText.check(column.header(), row.get(column)).ifPresent(out::add);
        }
        if (!out.isEmpty()) {
            return null;
        }
        String actionText = row.get(UploadColumn.ACTION).toUpperCase(java.util.Locale.ROOT);
        boolean remove = actionText.equals("REMOVE");
        if (!actionText.isEmpty() && !actionText.equals("ADD") && !remove) {
            out.add(new Violation(UploadColumn.ACTION.header(), "INVALID_ACTION", "Action is ADD or REMOVE"));
        }
        String email = PersonRules.normalizeEmail(row.get(UploadColumn.EMAIL));
        for (Violation v : PersonRules.checkEmail(UploadColumn.EMAIL.header(), email)) {
            out.add(v);
        }
        String first = PersonRules.normalizeName(row.get(UploadColumn.FIRST_NAME));
        String last = PersonRules.normalizeName(row.get(UploadColumn.LAST_NAME));
        if (!remove || !first.isEmpty()) {
            out.addAll(PersonRules.checkName(UploadColumn.FIRST_NAME.header(), "First Name", first));
        }
        if (!remove || !last.isEmpty()) {
            out.addAll(PersonRules.checkName(UploadColumn.LAST_NAME.header(), "Last Name", last));
        }
        String phone = row.get(UploadColumn.PHONE);
        out.addAll(PersonRules.checkPhone(UploadColumn.PHONE.header(), phone));
        String roleText = row.get(UploadColumn.ROLE);
        Optional<Role> role = Role.parse(roleText);
        if (roleText.isEmpty()) {
            out.add(new Violation(UploadColumn.ROLE.header(), "REQUIRED", "Role is required"));
        } else if (role.isEmpty()) {
            out.add(new Violation(UploadColumn.ROLE.header(), "UNKNOWN_ROLE", "no role is called " + roleText));
        }
        String code = row.get(UploadColumn.CDS_CODE);
        Place place = null;
        if (code.isEmpty()) {
            out.add(new Violation(UploadColumn.CDS_CODE.header(), "REQUIRED", "CDS Code is required"));
        } else if (role.isPresent()) {
            place = places.computeIfAbsent(role.get().level() + ":" + code,
                    k -> organizations.findByCodeAndType(code, role.get().level()).map(UploadJobs::place)).orElse(null);
            if (place == null) {
                boolean other = !organizations.findByCode(code).isEmpty();
                out.add(new Violation(UploadColumn.CDS_CODE.header(), other ? "ROLE_LEVEL_MISMATCH" : "UNKNOWN_ORGANIZATION",
                        other ? role.get().displayName() + " is granted at " + role.get().level().withArticle()
                                + ", and " + code + " is not one" : "no organization has the CDS code " + code));
            }
        }
        if (place != null && out.isEmpty()) {
            Decision decision = remove ? authorizer.revoke(uploader, role.get(), place.path())
                    : authorizer.grant(uploader, role.get(), place.path(), false);
            if (decision instanceof Decision.Deny deny) {
                out.add(new Violation(deny.code() == org.tomsprov.authz.DenialCode.ROLE_NOT_GRANTABLE
                        ? UploadColumn.ROLE.header() : UploadColumn.CDS_CODE.header(), deny.code().name(), deny.reason()));
            }
        }
        if (!out.isEmpty()) {
            return null;
        }
        return new Staged(row.number(), email, first.isEmpty() ? "-" : first, last.isEmpty() ? "-" : last,
                phone.isEmpty() ? null : phone, role.get(), place.id(), place.leaId(), remove);
    }

    private static Place place(OrganizationEntity org) {
        return new Place(org.id, OrganizationRepository.leaIdOf(org), OrganizationRepository.pathOf(org));
    }

    private void writeChunk(UUID id, List<Staged> staged, List<Object[]> errors) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement rows = connection.prepareStatement("""
                    insert into upload_row (upload_id, row_number, email, email_key, first_name, last_name, phone,
                                            role_id, org_id, lea_id, remove) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                 PreparedStatement errs = connection.prepareStatement(
                         "insert into upload_error (upload_id, row_number, column_name, value, code, message) values (?, ?, ?, ?, ?, ?)")) {
                for (Staged s : staged) {
                    rows.setObject(1, id);
                    rows.setInt(2, s.row());
                    rows.setString(3, s.email());
                    rows.setString(4, Email.keyOf(s.email()));
                    rows.setString(5, s.firstName());
                    rows.setString(6, s.lastName());
                    rows.setString(7, s.phone());
                    rows.setString(8, s.role().id());
                    rows.setLong(9, s.orgId());
                    if (s.leaId() == null) {
                        rows.setNull(10, Types.BIGINT);
                    } else {
                        rows.setLong(10, s.leaId());
                    }
                    rows.setBoolean(11, s.remove());
                    rows.addBatch();
                }
                rows.executeBatch();
                for (Object[] e : errors) {
                    errs.setObject(1, id);
                    errs.setInt(2, (Integer) e[0]);
                    errs.setString(3, (String) e[1]);
                    errs.setString(4, truncate(org.tomsprov.domain.SafeText.visible((String) e[2]), 200));
                    errs.setString(5, (String) e[3]);
                    errs.setString(6, truncate((String) e[4], 500));
                    errs.addBatch();
                }
                errs.executeBatch();
            }
        });
    }

    /**
     * The checks that need every row: one email with two different names, and the same role at the same
     * organization for the same email twice. Returns how many rows they flagged.
     */
    private int crossRowChecks(UUID id) {
        int conflicting = em.createNativeQuery("""
                insert into upload_error (upload_id, row_number, column_name, value, code, message)
                select r.upload_id, r.row_number, 'First Name', r.first_name || ' ' || r.last_name, 'CONFLICTING_NAMES',
                       'row ' || f.row_number || ' names this email ' || f.first_name || ' ' || f.last_name
                from upload_row r
                join (select distinct on (email_key) email_key, row_number, first_name, last_name
                      from upload_row where upload_id = ?1 and not remove order by email_key, row_number) f
                  on f.email_key = r.email_key
                where r.upload_id = ?1 and not r.remove
                  and (r.first_name, r.last_name) is distinct from (f.first_name, f.last_name)""")
                .setParameter(1, id).executeUpdate();
        int duplicates = em.createNativeQuery("""
                insert into upload_error (upload_id, row_number, column_name, value, code, message)
                select upload_id, row_number, 'Role', role_id, 'DUPLICATE_ROW',
                       'row ' || first_row || ' has the same email, role and CDS code'
                from (select upload_id, row_number, role_id,
                             first_value(row_number) over (partition by email_key, role_id, org_id order by row_number) first_row
                      from upload_row where upload_id = ?1) d
                where row_number <> first_row""").setParameter(1, id).executeUpdate();
        return conflicting + duplicates;
    }

    private Summary summarize(UUID id) {
        Object[] r = (Object[]) em.createNativeQuery("""
                with rows as (
                  select r.email_key, r.remove, u.id as user_id,
                         exists (select 1 from role_assignment a where a.user_id = u.id and a.role_id = r.role_id
                                 and a.org_id = r.org_id and a.administration_year = ?2) as held
                  from upload_row r left join app_user u on lower(u.email) = r.email_key
                  where r.upload_id = ?1)
                select count(distinct email_key) filter (where user_id is null and not remove),
                       count(distinct user_id) filter (where (not remove and not held) or (remove and held)),
                       count(*) filter (where not remove and not held),
                       count(*) filter (where remove and held),
                       count(*) filter (where (not remove and held) or (remove and not held))
                from rows""").setParameter(1, id).setParameter(2, years.current().toString()).getSingleResult();
        return new Summary(n(r[0]), n(r[1]), n(r[2]), n(r[3]), n(r[4]));
    }

    // ------------------------------------------------------------------------------------------- commit

    void commit(UUID id) {
        record Start(String uploader, String requestId, int total, Summary summary) {
        }
        Start start = QuarkusTransaction.requiringNew().call(() -> {
            UploadEntity u = uploads.findById(id);
            return new Start(u.uploaderEmail, u.requestId, u.totalRows, fromJson(u.summary));
        });
        String year = years.current().toString();
        long started = System.nanoTime();
        try {
            QuarkusTransaction.requiringNew().timeout(1800).run(() -> {
                Caller uploader = callerFor(start.uploader());
                recheck(id, uploader);
                int created = createUsers(id, start.uploader(), start.requestId());
                hooks.after(id, CommitStep.USERS_CREATED);
                progress(id, start.total() / 4, start.total());
                int granted = grantRoles(id, start.uploader(), start.requestId(), year);
                hooks.after(id, CommitStep.ROLES_GRANTED);
                progress(id, start.total() / 2, start.total());
                int removed = removeRoles(id, start.uploader(), start.requestId(), year);
                hooks.after(id, CommitStep.ROLES_REMOVED);
                progress(id, start.total() * 3 / 4, start.total());
                writeFeed(id);
                hooks.after(id, CommitStep.FEED_WRITTEN);
                metrics.granted(granted);
                metrics.revoked(removed);
                Summary applied = new Summary(created, start.summary().update(), granted, removed,
                        start.total() - granted - removed);
                UploadEntity upload = uploads.findById(id);
                audit.record(start.uploader(), AuditLog.Action.UPLOAD_COMMITTED, null, null, null,
                        Map.of("uploadId", id, "summary", applied));
                upload.status = Status.COMMITTED;
                upload.summary = toJson(applied);
                upload.processedRows = start.total();
                upload.finishedAt = OffsetDateTime.now();
                upload.content = null;
                em.createNativeQuery("delete from upload_row where upload_id = ?1").setParameter(1, id).executeUpdate();
            });
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            metrics.upload("commit", "committed", start.total(), took);
            LOG.infof("upload %s committed: %d rows in %d ms", id, start.total(), took.toMillis());
        } catch (RuntimeException e) {
            metrics.upload("commit", "failed", start.total(), Duration.ofNanos(System.nanoTime() - started));
            ProblemException problem = e instanceof ProblemException p ? p : null;
            if (problem == null) {
                LOG.errorf(e, "commit of upload %s failed; nothing was applied", id);
            }
            QuarkusTransaction.requiringNew().run(() -> {
                UploadEntity upload = uploads.findById(id);
                upload.status = Status.FAILED;
                upload.problemCode = problem == null ? "COMMIT_FAILED" : problem.code();
                upload.problemDetail = truncate(problem == null
                        ? "the commit failed and nothing was applied; upload the file again" : problem.detail(), 500);
                upload.finishedAt = OffsetDateTime.now();
            });
        }
    }

    private void progress(UUID id, int processed, int total) {
        QuarkusTransaction.requiringNew().run(() -> uploads.progress(id, processed, total));
    }

    /** The uploader's rights, and the organizations, as they are now: what changed since validation is refused. */
    private void recheck(UUID id, Caller uploader) {
        @SuppressWarnings("unchecked")
        List<Object[]> pairs = em.createNativeQuery(
                "select distinct role_id, org_id, remove from upload_row where upload_id = ?1").setParameter(1, id)
                .getResultList();
        for (Object[] pair : pairs) {
            Role role = Role.valueOf((String) pair[0]);
            OrgPath org = OrganizationRepository.pathOf(organizations.findById(((Number) pair[1]).longValue()));
            Decision decision = (Boolean) pair[2] ? authorizer.revoke(uploader, role, org)
                    : authorizer.grant(uploader, role, org, false);
            if (decision instanceof Decision.Deny deny) {
                throw new ProblemException(409, deny.code().name(), "Conflict",
                        "something changed since validation: " + deny.reason() + "; nothing was applied");
            }
        }
    }

    private int createUsers(UUID id, String actor, String requestId) {
        return em.createNativeQuery("""
                with created as (
                  insert into app_user (id, email, first_name, last_name, phone, status, version, created_at, updated_at)
                  select gen_random_uuid(), email, first_name, last_name, phone, 'ACTIVE', 0, now(), now()
                  from (select distinct on (email_key) email, first_name, last_name, phone from upload_row r
                        where r.upload_id = ?1 and not r.remove
                          and not exists (select 1 from app_user u where lower(u.email) = r.email_key)
                        order by email_key, row_number) first_rows
                  returning id, email, first_name, last_name, phone),
                places as (
                  select email_key, array_agg(distinct org_id) as org_ids,
                         array_agg(distinct lea_id) filter (where lea_id is not null) as lea_ids
                  from upload_row where upload_id = ?1 and not remove group by email_key)
                insert into audit_event (occurred_at, request_id, actor_email, action, target_user_id, after_state,
                                         scope_org_ids, scope_lea_ids)
                select now(), ?2, ?3, 'USER_CREATED', c.id,
                       jsonb_build_object('email', c.email, 'firstName', c.first_name, 'lastName', c.last_name,
                                          'phone', c.phone, 'status', 'ACTIVE'),
                       p.org_ids, p.lea_ids
                from created c join places p on p.email_key = lower(c.email)""").setParameter(1, id).setParameter(2, requestId).setParameter(3, actor).executeUpdate();
    }

    private int grantRoles(UUID id, String actor, String requestId, String year) {
        return em.createNativeQuery("""
                with granted as (
                  insert into role_assignment (id, user_id, role_id, org_id, lea_id, administration_year, is_primary, created_at)
                  select gen_random_uuid(), u.id, r.role_id, r.org_id, r.lea_id, ?4, false, now()
                  from upload_row r join app_user u on lower(u.email) = r.email_key
                  where r.upload_id = ?1 and not r.remove
                  on conflict (user_id, role_id, org_id, administration_year) do nothing
                  returning id, user_id, role_id, org_id, lea_id),
                affected as (
                  insert into upload_affected (upload_id, user_id) select distinct ?1, user_id from granted
                  on conflict do nothing)
                insert into audit_event (occurred_at, request_id, actor_email, action, target_user_id, org_id, lea_id, after_state)
                select now(), ?2, ?3, 'ROLE_GRANTED', g.user_id, g.org_id, g.lea_id,
                       jsonb_build_object('id', g.id, 'roleId', g.role_id, 'orgCode', o.code,
                                          'administrationYear', ?4, 'primary', false)
                from granted g join organization o on o.id = g.org_id""")
                .setParameter(1, id).setParameter(2, requestId).setParameter(3, actor).setParameter(4, year)
                .executeUpdate();
    }

    private int removeRoles(UUID id, String actor, String requestId, String year) {
        return em.createNativeQuery("""
                with removed as (
                  delete from role_assignment a using upload_row r, app_user u
                  where r.upload_id = ?1 and r.remove and lower(u.email) = r.email_key and a.user_id = u.id
                    and a.role_id = r.role_id and a.org_id = r.org_id and a.administration_year = ?4
                  returning a.id, a.user_id, a.role_id, a.org_id, a.lea_id, a.administration_year, a.is_primary),
                affected as (
                  insert into upload_affected (upload_id, user_id) select distinct ?1, user_id from removed
                  on conflict do nothing)
                insert into audit_event (occurred_at, request_id, actor_email, action, target_user_id, org_id, lea_id, before_state)
                select now(), ?2, ?3, 'ROLE_REVOKED', d.user_id, d.org_id, d.lea_id,
                       jsonb_build_object('id', d.id, 'roleId', d.role_id, 'orgCode', o.code,
                                          'administrationYear', d.administration_year, 'primary', d.is_primary)
                from removed d join organization o on o.id = d.org_id""")
                .setParameter(1, id).setParameter(2, requestId).setParameter(3, actor).setParameter(4, year)
                .executeUpdate();
    }

    /** Every user whose roles changed gets a new version (ETag) and one feed entry, in commit order. */
    private void writeFeed(UUID id) {
        em.createNativeQuery("select pg_advisory_xact_lock(7340301)").getSingleResult();
        em.createNativeQuery("""
                update app_user u set version = version + 1, updated_at = now()
                from upload_affected a where a.upload_id = ?1 and a.user_id = u.id""").setParameter(1, id).executeUpdate();
        em.createNativeQuery("""
                insert into permission_change (user_id, email, changed_at)
                select u.id, u.email, now() from upload_affected a join app_user u on u.id = a.user_id
                where a.upload_id = ?1 order by u.id""").setParameter(1, id).executeUpdate();
        em.createNativeQuery("delete from upload_affected where upload_id = ?1").setParameter(1, id).executeUpdate();
    }

    // ------------------------------------------------------------------------------------------- helpers

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Summary fromJson(String text) {
        try {
            return json.readValue(text, Summary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int n(Object value) {
        return ((Number) value).intValue();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    /** The cell of the named column, as the uploader wrote it. */
    private static String cell(SheetReader.Row row, String header) {
        for (UploadColumn column : UploadColumn.values()) {
            if (column.header().equals(header)) {
                return row.get(column);
            }
        }
        return null;
    }
}
