package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's bulk append: the rows as CSV through {@code COPY ... FROM STDIN}, PgJDBC's
 * {@code CopyManager}, in the transaction's connection. One round trip for the whole batch, and
 * no statement parsed or planned per row: the usage writer of verify-and-consume appends
 * thousands of events a second this way. Text is always quoted (an empty string stays one) and
 * SQL NULL is an unquoted empty field, as CSV {@code COPY} reads them; instants go as ISO-8601 in
 * UTC, which {@code timestamptz} rounds to the microsecond as the driver's binding does. A value
 * the database refuses (a NUL character in text, say) fails the whole {@code COPY}, with the same
 * SQL state as an {@code INSERT} of it.
 */
final class PostgresCopy implements SqlDialect.BulkAppend {

    @Override
    public void append(Handle handle, String table, List<String> columns, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder csv = new StringBuilder(rows.size() * 192);
        for (Object[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("a row of " + row.length + " values for " + columns.size() + " columns");
            }
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                field(csv, row[i]);
            }
            csv.append('\n');
        }
        String copy = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT csv)";
        try {
            handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(csv.toString()));
        } catch (IOException e) {
            // reading a string fails only as the connection does
            throw new SQLException("COPY into " + table + " failed", "08006", e);
        }
    }

    private static void field(StringBuilder csv, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String text) {
            csv.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    csv.append('"');
                }
                csv.append(c);
            }
            csv.append('"');
        } else if (value instanceof Instant || value instanceof Number || value instanceof UUID) {
            csv.append(value);
        } else {
            throw new IllegalArgumentException("no CSV form for a " + value.getClass().getName());
        }
    }
}
