package dev.tollgate.core.staff;

import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The opaque cursors of the lists paged by one key (staff by user id, tenants by id, service
 * accounts by id): the last key of a page, base64url-encoded with the list's name, so a cursor
 * of one list is refused by another.
 */
public final class KeysetCursor {

    private final String list;

    public KeysetCursor(String list) {
        this.list = Objects.requireNonNull(list, "list");
    }

    /**
     * The key after which the page starts (empty for the first page), or {@code VALIDATION_FAILED}
     * for a limit out of range or a cursor that is not one of this list's.
     */
    public Outcome<Optional<String>> after(PageRequest page) {
        Objects.requireNonNull(page, "page");
        if (page.limit() < 1 || page.limit() > PageRequest.MAX_LIMIT) {
            return Outcome.refused(Problem.InvalidInput.of("limit", "must be 1 to " + PageRequest.MAX_LIMIT));
        }
        if (page.cursor() == null) {
            return Outcome.done(Optional.empty());
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(page.cursor()), StandardCharsets.UTF_8);
            if (decoded.startsWith(list + ":") && decoded.length() > list.length() + 1) {
                return Outcome.done(Optional.of(decoded.substring(list.length() + 1)));
            }
        } catch (IllegalArgumentException e) {
            // not base64url: refused below
        }
        return Outcome.refused(Problem.InvalidInput.of("cursor", "is not a cursor of this list"));
    }

    /** The cursor that continues after {@code key}. */
    public String of(String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((list + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A page of at most {@code page.limit()} of {@code fetched} (which holds one more when more
     * follow), its cursor made from the last item's key.
     */
    public <T> Page<T> page(List<T> fetched, PageRequest page, Function<T, String> key, OptionalLong total) {
        if (fetched.size() <= page.limit()) {
            return new Page<>(fetched, Optional.empty(), total);
        }
        List<T> items = fetched.subList(0, page.limit());
        return new Page<>(items, Optional.of(of(key.apply(items.get(items.size() - 1)))), total);
    }
}
