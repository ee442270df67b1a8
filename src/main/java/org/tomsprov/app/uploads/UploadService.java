package org.tomsprov.app.uploads;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jboss.logging.MDC;
import org.tomsprov.domain.Email;
import org.tomsprov.authz.Caller;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.config.TomsConfig;
import org.tomsprov.persistence.UploadEntity;
import org.tomsprov.domain.UploadStatus;
import org.tomsprov.persistence.UploadRepository;
import org.tomsprov.domain.UploadSummary;
import org.tomsprov.upload.CellSafety;
import org.tomsprov.upload.FileRejectedException;
import org.tomsprov.upload.UploadFormat;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.RequestIds;
import org.tomsprov.app.identity.CallerContext;

/**
 * Bulk user uploads as the uploader sees them: receive a file, follow its validation, read its errors, commit it.
 * The work itself runs in the background ({@link UploadJobs}); uploads are visible only to their uploader.
 */
@ApplicationScoped
public class UploadService {

    /** What an upload would do, or did. */
    /** An upload as its uploader sees it. */
    public record UploadView(UUID id, UploadStatus status, String format, String fileName, int totalRows,
            int processedRows, UploadSummary summary, int errorCount, String problemCode, String problemDetail,
            OffsetDateTime createdAt, OffsetDateTime expiresAt) {
    }

    /** One row error: row number as a spreadsheet counts it (0 for the file), column, code and message. */
    public record RowError(int row, String column, String value, String code, String message) {
    }

    private final UploadRepository uploads;
    private final HierarchyScopeAuthorizer authorizer;
    private final CallerContext caller;
    private final TomsConfig config;
    private final Event<UploadWorker.Queued> queued;

    UploadService(UploadRepository uploads, HierarchyScopeAuthorizer authorizer, CallerContext caller, TomsConfig config,
            Event<UploadWorker.Queued> queued) {
        this.uploads = uploads;
        this.authorizer = authorizer;
        this.caller = caller;
        this.config = config;
        this.queued = queued;
    }

    /** Stores the file and queues its validation. File-level problems that are cheap to see are refused at once. */
    @Transactional
    public UploadView receive(byte[] content, String fileName) {
        ProblemException.check(authorizer.administer(caller.caller()));
        long max = config.upload().maxBytes();
        if (content.length > max) {
            throw new ProblemException(ProblemException.Kind.TOO_LARGE, "FILE_TOO_LARGE",
                    "the file is larger than " + max + " bytes; split it");
        }
        UploadFormat format;
        try {
            format = UploadFormat.detect(content);
        } catch (FileRejectedException e) {
            throw ProblemException.unprocessable(e.code(), e.getMessage());
        }
        UploadEntity upload = new UploadEntity();
        upload.id = UUID.randomUUID();
        upload.uploaderEmail = ((Caller.Person) caller.caller()).email();
        upload.status = UploadStatus.RECEIVED;
        upload.format = format.name();
        upload.fileName = fileName == null ? null : fileName.substring(0, Math.min(fileName.length(), 255));
        upload.content = content;
        upload.createdAt = OffsetDateTime.now();
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        upload.requestId = requestId == null ? null : requestId.toString();
        uploads.persist(upload);
        queued.fire(new UploadWorker.Queued(upload.id));
        return view(upload);
    }

    @Transactional
    public UploadView get(UUID id) {
        uploads.expireStale();
        return view(owned(id));
    }

    @Transactional
    public List<RowError> errors(UUID id) {
        owned(id);
        return uploads.errors(id).stream()
                .map(e -> new RowError(e.row(), e.column(), e.value(), e.code(), e.message())).toList();
    }

    /** The error report as CSV, every cell neutralized against formula injection. */
    public String errorsCsv(UUID id) {
        try (StringWriter out = new StringWriter(); CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord("Row", "Column", "Value", "Code", "Message");
            for (RowError e : errors(id)) {
                printer.printRecord(e.row(), CellSafety.neutralize(e.column()), CellSafety.neutralize(e.value()),
                        CellSafety.neutralize(e.code()), CellSafety.neutralize(e.message()));
            }
            printer.flush();
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Queues the commit of a VALIDATED upload without errors; anything else is a 409 that says why. */
    @Transactional
    public UploadView commit(UUID id) {
        uploads.expireStale();
        UploadEntity upload = uploads.lockForUpdate(owned(id));
        if (upload.status != UploadStatus.VALIDATED) {
            throw ProblemException.conflict("UPLOAD_NOT_COMMITTABLE", "the upload is " + upload.status
                    + "; only a VALIDATED upload can be committed");
        }
        if (upload.errorCount > 0) {
            throw ProblemException.conflict("UPLOAD_HAS_ERRORS", "the upload has " + upload.errorCount
                    + " row error(s); fix the file and upload it again");
        }
        ProblemException.check(authorizer.administer(caller.caller()));
        upload.status = UploadStatus.COMMITTING;
        upload.processedRows = 0;
        upload.claimedBy = null;
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        upload.requestId = requestId == null ? upload.requestId : requestId.toString();
        queued.fire(new UploadWorker.Queued(upload.id));
        return view(upload);
    }

    private UploadEntity owned(UUID id) {
        ProblemException.check(authorizer.self(caller.caller()));
        String email = ((Caller.Person) caller.caller()).email();
        return uploads.findByIdOptional(id).filter(u -> Email.of(u.uploaderEmail).sameAs(Email.of(email)))
                .orElseThrow(() -> ProblemException.notFound("UPLOAD_NOT_FOUND", "you have no upload with that id"));
    }

    UploadView view(UploadEntity u) {
        OffsetDateTime expiresAt = u.status == UploadStatus.VALIDATED && u.validatedAt != null ? u.validatedAt.plusHours(24) : null;
        return new UploadView(u.id, u.status, u.format, u.fileName, u.totalRows, u.processedRows, u.summary, u.errorCount,
                u.problemCode, u.problemDetail, u.createdAt, expiresAt);
    }
}
