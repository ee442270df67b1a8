package org.tomsprov.app.organizations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVRecord;
import org.hibernate.Session;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.domain.CdsCodes;
import org.tomsprov.domain.OrgStatus;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.Organization;
import org.tomsprov.domain.Violation;
import org.tomsprov.upload.CsvTable;
import org.tomsprov.upload.FileRejectedException;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.audit.AuditLog;
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

    private final EntityManager em;
    private final HierarchyScopeAuthorizer authorizer;
    private final CallerContext caller;
    private final AuditLog audit;

    OrganizationImportService(EntityManager em, HierarchyScopeAuthorizer authorizer, CallerContext caller, AuditLog audit) {
        this.em = em;
        this.authorizer = authorizer;
        this.caller = caller;
        this.audit = audit;
    }

    @Transactional
    public ImportResult importCsv(InputStream csv) {
        ProblemException.check(authorizer.manageOrganizations(caller.caller()));
        List<Row> rows = new ArrayList<>();
        List<Violation> errors = new ArrayList<>();
        try (CsvTable table = CsvTable.open(csv, REQUIRED, List.of("Status"))) {
            for (CSVRecord record : table) {
                int number = table.rowNumber(record);
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
            throw new ProblemException(422, e.code(), "Unprocessable request", e.getMessage());
        }
        Map<String, Organization> existing = loadExisting();
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
            throw new ProblemException(422, "IMPORT_REJECTED", "Unprocessable request",
                    errors.size() + " error(s) in the file; nothing was imported", errors);
        }
        int created = (int) rows.stream().filter(r -> !existing.containsKey(key(r.code(), r.type()))).count();
        write(rows);
        ImportResult result = new ImportResult(rows.size(), created, rows.size() - created);
        audit.record(caller.name(), AuditLog.Action.ORGANIZATIONS_IMPORTED, null, null, null, result);
        return result;
    }

    private void write(List<Row> rows) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement lea = connection.prepareStatement("""
                    insert into organization (code, type, name, parent_id, status)
                    values (?, 'LEA', ?, (select id from organization where type = 'STATE' and code = 'CA'), ?)
                    on conflict (code, type) do update set name = excluded.name, status = excluded.status""");
                 PreparedStatement school = connection.prepareStatement("""
                    insert into organization (code, type, name, parent_id, status)
                    values (?, 'SCHOOL', ?, (select id from organization where type = 'LEA' and code = ?), ?)
                    on conflict (code, type) do update
                    set name = excluded.name, status = excluded.status, parent_id = excluded.parent_id""")) {
                batch(lea, rows, OrgType.LEA, false);
                batch(school, rows, OrgType.SCHOOL, true);
            }
        });
    }

    private static void batch(PreparedStatement statement, List<Row> rows, OrgType type, boolean withParent)
            throws java.sql.SQLException {
        int pending = 0;
        for (Row row : rows) {
            if (row.type() != type) {
                continue;
            }
            int i = 1;
            statement.setString(i++, row.code());
            statement.setString(i++, row.name().trim());
            if (withParent) {
                statement.setString(i++, row.parentCode());
            }
            statement.setString(i, row.status().name());
            statement.addBatch();
            if (++pending == 1000) {
                statement.executeBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            statement.executeBatch();
        }
    }

    private Map<String, Organization> loadExisting() {
        @SuppressWarnings("unchecked")
        List<Object[]> all = em.createNativeQuery("""
                select o.code, o.name, o.type, p.code, o.status from organization o
                left join organization p on p.id = o.parent_id""").getResultList();
        Map<String, Organization> map = new HashMap<>();
        for (Object[] r : all) {
            OrgType type = OrgType.valueOf((String) r[2]);
            map.put(key((String) r[0], type),
                    new Organization((String) r[0], (String) r[1], type, (String) r[3], OrgStatus.valueOf((String) r[4])));
        }
        return map;
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
