package dev.tollgate.adapter.sql.internal;

/**
 * Thrown inside a group commit's transaction when a row it would lock does not exist yet (a
 * first use), so the transaction rolls back having written nothing and the batch runs again in
 * one that makes the missing rows before it locks any. Carries no stack trace: it is a branch,
 * not a failure, and never leaves the store.
 */
public final class MissingRows extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MissingRows() {
        super("a row of the batch does not exist yet", null, false, false);
    }
}
