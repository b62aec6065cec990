package dev.tollgate.port.api;

/**
 * Which page of a list to answer.
 *
 * @param cursor a {@link Page#nextCursor()} of the same list and the same filters; null for the first page
 * @param limit  1 to {@link #MAX_LIMIT} items
 * @param count  whether to count all matching items too
 */
public record PageRequest(String cursor, int limit, boolean count) {

    public static final int MAX_LIMIT = 200;
    public static final int DEFAULT_LIMIT = 50;

    public static PageRequest first(int limit) {
        return new PageRequest(null, limit, false);
    }

    public static PageRequest first() {
        return first(DEFAULT_LIMIT);
    }

    public PageRequest after(String next) {
        return new PageRequest(next, limit, count);
    }

    public PageRequest counted() {
        return new PageRequest(cursor, limit, true);
    }
}
