package org.tomsprov.app.consumers;

/**
 * How a consumer document is written out: the body each consumer reads, exactly as served. The HTTP layer owns
 * the wire shape and implements this; documents are rendered once, on the change that alters them.
 */
public interface DocumentBodies {

    String cers(CersPulls.CersPermissions permissions);

    String toolsForTeachers(ToolsForTeachersPulls.T4tAccess access);
}
