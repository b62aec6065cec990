package dev.tollgate.adapter.sqlite;

import dev.tollgate.adapter.sql.SqlDatabase;
import java.nio.file.Path;

/** Run by {@link SqliteLockTest} in a child JVM: opens the store in the directory given, says how it went. */
public final class SqliteLockChild {

    private SqliteLockChild() {
    }

    public static void main(String[] args) {
        try (SqlDatabase database = SqliteStores.inDirectory(Path.of(args[0]))) {
            System.out.println("opened");
        } catch (DatabaseInUseException e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(3);
        }
    }
}
