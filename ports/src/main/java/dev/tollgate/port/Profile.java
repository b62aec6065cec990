package dev.tollgate.port;

import java.util.List;
import java.util.Objects;

/**
 * What a user tells about themselves. Text fields are optional ({@code null} when unset);
 * hobbies is a possibly empty list.
 *
 * @param name        display name, at most 100 characters
 * @param aboutMe     free text, at most 2000 characters
 * @param hobbies     at most 20 entries of at most 50 characters each
 * @param accountType personal or business
 */
public record Profile(String name, String aboutMe, List<String> hobbies, AccountType accountType) {

    public static final int MAX_NAME = 100;
    public static final int MAX_ABOUT_ME = 2000;
    public static final int MAX_HOBBIES = 20;
    public static final int MAX_HOBBY = 50;

    public Profile {
        hobbies = List.copyOf(Objects.requireNonNullElse(hobbies, List.of()));
        Objects.requireNonNull(accountType, "account type");
        if (name != null && name.length() > MAX_NAME) {
            throw new IllegalArgumentException("name longer than " + MAX_NAME);
        }
        if (aboutMe != null && aboutMe.length() > MAX_ABOUT_ME) {
            throw new IllegalArgumentException("about_me longer than " + MAX_ABOUT_ME);
        }
        if (hobbies.size() > MAX_HOBBIES || hobbies.stream().anyMatch(h -> h.isBlank() || h.length() > MAX_HOBBY)) {
            throw new IllegalArgumentException("at most " + MAX_HOBBIES + " non-blank hobbies of at most " + MAX_HOBBY + " characters");
        }
    }

    /** A profile with only the account type set. */
    public static Profile empty(AccountType accountType) {
        return new Profile(null, null, List.of(), accountType);
    }
}
