package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.Problem.FieldError;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The query parameters of an admin list or report, read one by one; every value that is not what
 * its parameter takes is collected, and {@link #then} answers them together as
 * {@code VALIDATION_FAILED} naming each parameter. An absent or empty parameter is null.
 */
final class QueryParams {

    private final Context ctx;
    private final List<FieldError> errors = new ArrayList<>();

    QueryParams(Context ctx) {
        this.ctx = ctx;
    }

    String text(String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isEmpty() ? null : value;
    }

    Instant instant(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException malformed) {
            return invalid(name, "must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
        }
    }

    LocalDate date(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException malformed) {
            return invalid(name, "must be a date such as 2030-01-31");
        }
    }

    Integer integer(String name, int min, int max) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException malformed) {
            // answered below
        }
        return invalid(name, "must be a whole number from " + min + " to " + max);
    }

    Boolean bool(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> invalid(name, "must be true or false");
        };
    }

    UUID uuid(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException malformed) {
            return invalid(name, "must be a UUID");
        }
    }

    /** One of {@code type}'s constants, named in lower case. */
    <E extends Enum<E>> E choice(String name, Class<E> type) {
        String value = text(name);
        return value == null ? null : choiceOf(name, value, type);
    }

    /** Constants of {@code type}, from a repeated parameter and comma-separated lists alike. */
    <E extends Enum<E>> Set<E> choices(String name, Class<E> type) {
        Set<E> found = EnumSet.noneOf(type);
        for (String value : ctx.queryParams(name)) {
            for (String part : value.split(",", -1)) {
                if (!part.isBlank()) {
                    E choice = choiceOf(name, part.strip(), type);
                    if (choice != null) {
                        found.add(choice);
                    }
                }
            }
        }
        return found;
    }

    private <E extends Enum<E>> E choiceOf(String name, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                return constant;
            }
        }
        return invalid(name, "must be one of " + names(type));
    }

    /** {@code limit} (1 to 200, default 50), {@code cursor} and {@code count}. */
    PageRequest page() {
        Integer limit = integer("limit", 1, PageRequest.MAX_LIMIT);
        Boolean count = bool("count");
        return new PageRequest(text("cursor"), limit == null ? PageRequest.DEFAULT_LIMIT : limit,
                count != null && count);
    }

    /** Done with what {@code build} makes, when every parameter was readable; else refused naming them. */
    <T> Outcome<T> then(Supplier<T> build) {
        return errors.isEmpty() ? Outcome.done(build.get()) : Outcome.refused(new Problem.InvalidInput(errors));
    }

    private <T> T invalid(String name, String message) {
        errors.add(new FieldError(name, message));
        return null;
    }

    private static String names(Class<? extends Enum<?>> type) {
        List<String> names = new ArrayList<>();
        for (Enum<?> constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        return String.join(", ", names);
    }
}
