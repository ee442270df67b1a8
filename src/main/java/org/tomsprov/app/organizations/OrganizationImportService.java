package org.tomsprov.app.organizations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVRecord;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.domain.CdsCodes;
import org.tomsprov.domain.OrgStatus;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.Organization;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.domain.Violation;
import org.tomsprov.upload.CsvTable;
import org.tomsprov.upload.FileRejectedException;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.audit.AuditLog;
import org.tomsprov.app.consumers.ConsumerDocuments;
import org.tomsprov.app.identity.CallerContext;

/**
 * Loads the organization directory from CSV ({@code CDS Code, Name, Type, Parent CDS Code}, optional
 * {@code Status}): every row is checked first and the whole file is applied in one transaction, or nothing.
 * Existing organizations (same code and type) get the file's name and status.
 */
@ApplicationScoped
public class OrganizationImportService {

    /** What an import did. */
    public record ImportResult(int rows, int created, int updated) {
    }

    record Row(int number, String code, String name, OrgType type, String parentCode, OrgStatus status) {
    }

    private static final List<String> REQUIRED = List.of("CDS Code", "Name", "Type", "Parent CDS Code");

    private final OrganizationRepository organizations;
    private final HierarchyScopeAuthorizer authorizer;
    private final CallerContext caller;
    private final AuditLog audit;
    private final ConsumerDocuments documents;

    OrganizationImportService(OrganizationRepository organizations, HierarchyScopeAuthorizer authorizer,
            CallerContext caller, AuditLog audit, ConsumerDocuments documents) {
        this.organizations = organizations;
        this.authorizer = authorizer;
        this.caller = caller;
        this.audit = audit;
        this.documents = documents;
    }

    @Transactional
    public ImportResult importCsv(InputStream csv) {
        ProblemException.check(authorizer.manageOrganizations(caller.caller()));
        List<Row> rows = new ArrayList<>();
        List<Violation> errors = new ArrayList<>();
        try (CsvTable table = CsvTable.open(csv, REQUIRED, List.of("Status"))) {
            for (CSVRecord record : table) {
                int number = table.rowNumber(record);
                if (table.overflows(record)) {
                    errors.add(rowError(number, "Row", "TOO_MANY_CELLS", CsvTable.TOO_MANY_CELLS));
                    continue;
                }
                String typeText = table.get(record, "Type").toUpperCase(Locale.ROOT);
                OrgType type = switch (typeText) {
                    case "STATE", "LEA", "SCHOOL" -> OrgType.valueOf(typeText);
                    default -> null;
                };
                String statusText = table.get(record, "Status").toUpperCase(Locale.ROOT);
                OrgStatus status = statusText.equals("CLOSED") ? OrgStatus.CLOSED : OrgStatus.ACTIVE;
                if (!statusText.isEmpty() && !statusText.equals("ACTIVE") && !statusText.equals("CLOSED")) {
                    errors.add(rowError(number, "Status", "INVALID_STATUS", "Status is ACTIVE or CLOSED"));
                }
                String parent = table.get(record, "Parent CDS Code");
                rows.add(new Row(number, table.get(record, "CDS Code"), table.get(record, "Name"), type,
                        parent.isEmpty() ? null : parent, status));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FileRejectedException e) {
            throw ProblemException.unprocessable(e.code(), e.getMessage());
        }
        Map<String, Organization> existing = new HashMap<>();
        organizations.directory().forEach(o -> existing.put(key(o.code(), o.type()), o));
        Map<String, Organization> known = new HashMap<>(existing);
        Set<String> seen = new HashSet<>();
        for (Row row : rows) {
            if (row.type() != null) {
                known.putIfAbsent(key(row.code(), row.type()),
                        new Organization(row.code(), row.name(), row.type(), row.parentCode(), row.status()));
            }
        }
        for (Row row : rows) {
            if (row.type() != null && !seen.add(key(row.code(), row.type()))) {
                errors.add(rowError(row.number(), "CDS Code", "DUPLICATE_ROW", "this organization appears twice in the file"));
                continue;
            }
            if (row.type() == OrgType.STATE) {
                errors.add(rowError(row.number(), "Type", "INVALID_TYPE", "the state cannot be imported"));
                continue;
            }
            Organization parent = row.parentCode() == null || row.type() == null ? null
                    : known.get(key(row.parentCode(), row.type() == OrgType.SCHOOL ? OrgType.LEA : OrgType.STATE));
            for (Violation v : CdsCodes.check(row.code(), row.name(), row.type(), row.parentCode(), parent)) {
                errors.add(rowError(row.number(), column(v.field()), v.code(), v.message()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "IMPORT_REJECTED",
                    errors.size() + " error(s) in the file; nothing was imported", errors);
        }
        int created = (int) rows.stream().filter(r -> !existing.containsKey(key(r.code(), r.type()))).count();
        List<Organization> imported = rows.stream().map(r -> new Organization(r.code(), r.name().trim(), r.type(),
                r.parentCode(), r.status())).toList();
        organizations.upsert(imported);
        documents.organizationsChanged(imported.stream()
                .filter(o -> changed(existing.get(key(o.code(), o.type())), o))
                .map(o -> key(o.code(), o.type())).toList());
        ImportResult result = new ImportResult(rows.size(), created, rows.size() - created);
        audit.record(caller.name(), AuditLog.Action.ORGANIZATIONS_IMPORTED, null, null, null, result);
        return result;
    }

    /** Whether what a tenancy chain shows of an organization differs: its name, status, or a school's district. */
    private static boolean changed(Organization before, Organization after) {
        return before != null && (!before.name().equals(after.name()) || before.status() != after.status()
                || after.type() == OrgType.SCHOOL && !java.util.Objects.equals(before.parentCode(), after.parentCode()));
    }

    private static String key(String code, OrgType type) {
        return type + ":" + code;
    }

    private static String column(String field) {
        return switch (field) {
            case "code" -> "CDS Code";
            case "name" -> "Name";
            case "type" -> "Type";
            case "parentCode" -> "Parent CDS Code";
            default -> field;
        };
    }

    static Violation rowError(int row, String column, String code, String message) {
        return new Violation("row " + row + ": " + column, code, message);
    }
}
