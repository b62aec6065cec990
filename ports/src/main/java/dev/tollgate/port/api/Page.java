package dev.tollgate.port.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of a list, in the list's order. Lists page by keyset: {@link #nextCursor()} marks
 * where this page ended, so the next page costs what the first did however deep it is, and rows
 * added meanwhile cause no duplicate and no gap among those that existed at the start.
 *
 * @param items      at most the limit asked for
 * @param nextCursor an opaque cursor for the next page; empty on the last page
 * @param total      how many items match in all, when asked for (it costs a count)
 */
public record Page<T>(List<T> items, Optional<String> nextCursor, OptionalLong total) {

    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
        Objects.requireNonNull(total, "total");
    }

    public boolean last() {
        return nextCursor.isEmpty();
    }
}
