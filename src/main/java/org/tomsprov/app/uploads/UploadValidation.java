package org.tomsprov.app.uploads;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.Metrics;
import org.tomsprov.app.grants.GrantChecks;
import org.tomsprov.app.identity.Actors;
import org.tomsprov.authz.Caller;
import org.tomsprov.config.TomsConfig;
import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.domain.CdsCodes;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.PersonRules;
import org.tomsprov.domain.SafeText;
import org.tomsprov.domain.Violation;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.persistence.Place;
import org.tomsprov.persistence.UploadEntity;
import org.tomsprov.domain.UploadStatus;
import org.tomsprov.persistence.UploadRepository;
import org.tomsprov.persistence.UploadRows;
import org.tomsprov.upload.CsvTable;
import org.tomsprov.upload.FileRejectedException;
import org.tomsprov.upload.SheetReader;
import org.tomsprov.upload.UploadColumn;
import org.tomsprov.upload.UploadFormat;

/**
 * Validates an upload: streams the file, checks every row (data rules, and the uploader's rights through
 * {@link GrantChecks}, as a single grant is checked) and stages the good rows in chunks, each chunk its own
 * transaction; then the cross-row checks and the summary run in SQL.
 */
@ApplicationScoped
public class UploadValidation {

    private static final Logger LOG = Logger.getLogger(UploadValidation.class);
    static final int CHUNK = 1000;

    private final UploadRepository uploads;
    private final UploadRows rows;
    private final OrganizationRepository organizations;
    private final Actors actors;
    private final GrantChecks checks;
    private final AdministrationYears years;
    private final TomsConfig config;
    private final Metrics metrics;
    private volatile boolean stopping;

    UploadValidation(UploadRepository uploads, UploadRows rows, OrganizationRepository organizations, Actors actors,
            GrantChecks checks, AdministrationYears years, TomsConfig config, Metrics metrics) {
        this.uploads = uploads;
        this.rows = rows;
        this.organizations = organizations;
        this.actors = actors;
        this.checks = checks;
        this.years = years;
        this.config = config;
        this.metrics = metrics;
    }

    /** Validation stops at the next chunk boundary: the job stays claimable and starts over from its file. */
    private static final class Paused extends RuntimeException {
        Paused() {
            super(null, null, false, false);
        }
    }

    void stop() {
        stopping = true;
    }

    void validate(UUID id) {
        record Start(String uploader, UploadFormat format, byte[] content) {
        }
        long started = System.nanoTime();
        Start start = QuarkusTransaction.requiringNew().call(() -> {
            UploadEntity upload = uploads.findById(id);
            upload.status = UploadStatus.VALIDATING;
            upload.processedRows = 0;
            upload.totalRows = 0;
            upload.errorCount = 0;
            rows.clear(id, true);
            return new Start(upload.uploaderEmail, UploadFormat.valueOf(upload.format), upload.content);
        });
        Caller uploader = QuarkusTransaction.requiringNew().call(() -> actors.person(start.uploader()));
        Decisions places = new Decisions(years.current(), new HashMap<>(), new HashMap<>());
        List<SheetReader.Row> chunk = new ArrayList<>(CHUNK);
        int[] counts = new int[2];
        int maxRows = config.upload().maxRows();
        StepTimes steps = new StepTimes();
        try {
            SheetReader.read(start.format(), new ByteArrayInputStream(start.content()), row -> {
                if (++counts[0] > maxRows) {
                    throw new FileRejectedException("TOO_MANY_ROWS", "the file has more than " + maxRows + " rows; split it");
                }
                chunk.add(row);
                if (chunk.size() == CHUNK) {
                    counts[1] += stageChunk(id, uploader, chunk, places, counts[0], steps);
                    chunk.clear();
                    if (stopping) {
                        throw new Paused();
                    }
                }
            });
            counts[1] += stageChunk(id, uploader, chunk, places, counts[0], steps);
        } catch (Paused e) {
            LOG.infof("upload %s: validation paused at row %d for shutdown; it starts over at the next claim", id, counts[0]);
            return;
        } catch (FileRejectedException e) {
            QuarkusTransaction.requiringNew().run(() -> {
                UploadEntity upload = uploads.findById(id);
                upload.status = UploadStatus.REJECTED;
                upload.problemCode = e.code();
                upload.problemDetail = e.getMessage();
                upload.finishedAt = OffsetDateTime.now();
                upload.content = null;
                rows.clear(id, false);
            });
            metrics.upload("validate", "rejected", counts[0], Duration.ofNanos(System.nanoTime() - started));
            return;
        }
        int total = counts[0];
        int rowErrors = counts[1];
        QuarkusTransaction.requiringNew().run(() -> {
            int crossRow = rows.crossRowChecks(id);
            UploadEntity upload = uploads.findById(id);
            upload.status = UploadStatus.VALIDATED;
            upload.totalRows = total;
            upload.processedRows = total;
            upload.errorCount = rowErrors + crossRow;
            upload.summary = rows.count(id, years.current().toString());
            upload.validatedAt = OffsetDateTime.now();
        });
        steps.done("cross-row checks and summary");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.upload("validate", rowErrors > 0 ? "errors" : "validated", total, took);
        LOG.infof("upload %s validated: %d rows, %d in error, %d ms (%s)", id, total, rowErrors, took.toMillis(), steps);
    }

    /**
     * What one validation has looked up so far: the current year when it began, the candidate organizations of each
     * CDS code, and the uploader's right to each (action, role, CDS code) asked, decided once however many rows ask
     * it. (The commit checks rights and organizations again against the state of its own moment.)
     */
    private record Decisions(AdministrationYear current, Map<String, List<Place>> places,
            Map<String, GrantChecks.Result> rights) {

        /** Looks up, in one query, the organizations of the chunk's CDS codes not seen before. */
        void lookUp(List<SheetReader.Row> chunk, OrganizationRepository organizations) {
            java.util.Set<String> unseen = new java.util.HashSet<>();
            for (SheetReader.Row row : chunk) {
                String code = CdsCodes.fromSpreadsheet(row.get(UploadColumn.CDS_CODE));
                if (!code.isEmpty() && !places.containsKey(code)) {
                    unseen.add(code);
                }
            }
            if (!unseen.isEmpty()) {
                Map<String, List<Place>> found = organizations.candidates(unseen);
                unseen.forEach(code -> places.put(code, found.getOrDefault(code, List.of())));
            }
        }
    }

    /** Checks a chunk of rows, stages the good ones, records the errors and the progress; returns rows in error. */
    private int stageChunk(UUID id, Caller uploader, List<SheetReader.Row> chunk, Decisions places,
            int processed, StepTimes steps) {
        steps.done("reading");
        if (chunk.isEmpty()) {
            return 0;
        }
        int inError = QuarkusTransaction.requiringNew().call(() -> {
            List<UploadRows.StagedRow> staged = new ArrayList<>(chunk.size());
            List<UploadRows.RowError> errors = new ArrayList<>();
            int rowsInError = 0;
            places.lookUp(chunk, organizations);
            for (SheetReader.Row row : chunk) {
                List<Violation> violations = new ArrayList<>();
                UploadRows.StagedRow good = check(row, uploader, places, violations);
                if (good != null) {
                    staged.add(good);
                } else {
                    rowsInError++;
                    for (Violation v : violations) {
                        errors.add(new UploadRows.RowError(row.number(), v.field(),
                                SafeText.visible(cell(row, v.field())), v.code(), v.message()));
                    }
                }
            }
            steps.done("checking");
            rows.write(id, staged, errors);
            uploads.progress(id, processed, processed);
            steps.done("staging");
            return rowsInError;
        });
        steps.done("committing chunks");
        return inError;
    }

    /** Checks one row; returns it staged, or null with the violations filled in. */
    private UploadRows.StagedRow check(SheetReader.Row row, Caller uploader, Decisions decided,
            List<Violation> out) {
        if (row.overflows()) {
            out.add(new Violation("Row", "TOO_MANY_CELLS", CsvTable.TOO_MANY_CELLS));
            return null;
        }
        for (UploadColumn column : UploadColumn.values()) {
            SafeText.check(column.header(), row.get(column)).ifPresent(out::add);
        }
        if (!out.isEmpty()) {
            return null;
        }
        String actionText = row.get(UploadColumn.ACTION).toUpperCase(Locale.ROOT);
        boolean remove = actionText.equals("REMOVE");
        if (!actionText.isEmpty() && !actionText.equals("ADD") && !remove) {
            out.add(new Violation(UploadColumn.ACTION.header(), "INVALID_ACTION", "Action is ADD or REMOVE"));
        }
        Email email = Email.of(row.get(UploadColumn.EMAIL));
        out.addAll(PersonRules.checkEmail(UploadColumn.EMAIL.header(), email));
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
        java.util.function.Function<String, List<Place>> lookup = code -> decided.places().computeIfAbsent(code,
                organizations::candidates);
        String role = row.get(UploadColumn.ROLE);
        String code = CdsCodes.fromSpreadsheet(row.get(UploadColumn.CDS_CODE));
        AdministrationYear current = decided.current();
        AdministrationYear year = yearOf(row.get(UploadColumn.ADMINISTRATION_YEAR), current, out);
        if (year == null) {
            return null;
        }
        if (CdsCodes.inScientificNotation(code)) {
            out.add(new Violation(UploadColumn.CDS_CODE.header(), "CDS_CODE_DIGITS_LOST", code + " is a long number"
                    + " as a spreadsheet shows it, and the CDS code's digits are lost: format the CDS Code column as"
                    + " Text, enter the 14-digit codes again and save the file again"));
            return null;
        }
        GrantChecks.Result result = decided.rights().computeIfAbsent(
                remove + "\u0000" + role + "\u0000" + code + "\u0000" + year,
                key -> remove ? checks.revoke(uploader, role, code, lookup)
                        : checks.grant(uploader, role, code, false, lookup, year));
        if (result instanceof GrantChecks.Invalid invalid) {
            invalid.errors().forEach(e -> out.add(new Violation(column(e.field()).header(), e.code(), e.message())));
        } else if (result instanceof GrantChecks.Denied denied && out.isEmpty()) {
            out.add(new Violation(column(denied.field()).header(), denied.deny().code().name(), denied.deny().reason()));
        }
        if (!out.isEmpty() || !(result instanceof GrantChecks.Checked grant)) {
            return null;
        }
        return new UploadRows.StagedRow(row.number(), email, first.isEmpty() ? "-" : first,
                last.isEmpty() ? "-" : last, PersonRules.phone(phone), grant.role(), grant.place(), remove,
                year.equals(current) ? null : year.toString());
    }

    /** The row's year: empty for the current one, or the upcoming one; otherwise a violation and null. */
    private static AdministrationYear yearOf(String text, AdministrationYear current, List<Violation> out) {
        if (text == null || text.isBlank()) {
            return current;
        }
        String column = UploadColumn.ADMINISTRATION_YEAR.header();
        try {
            AdministrationYear year = AdministrationYear.parse(text);
            if (year.equals(current) || year.equals(current.next())) {
                return year;
            }
            out.add(new Violation(column, "YEAR_NOT_OPEN",
                    "roles are granted for the current year " + current + " or the upcoming one " + current.next()));
        } catch (IllegalArgumentException e) {
            out.add(new Violation(column, "INVALID_YEAR", e.getMessage()));
        }
        return null;
    }

    private static UploadColumn column(GrantChecks.Field field) {
        return field == GrantChecks.Field.ROLE ? UploadColumn.ROLE : UploadColumn.CDS_CODE;
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
