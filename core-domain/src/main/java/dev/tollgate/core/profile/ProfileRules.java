package dev.tollgate.core.profile;

import dev.tollgate.core.text.TextRules;
import dev.tollgate.port.Profile;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.profile.ProfileUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The limits of profile fields, checked field by field so a refusal names every bad one.
 * Text is stripped of surrounding white space; an empty text clears its field.
 */
public final class ProfileRules {

    private ProfileRules() {
    }

    /** The error for a display name, if it has one. */
    public static Optional<Problem.FieldError> checkName(String name) {
        if (name != null && name.strip().length() > Profile.MAX_NAME) {
            return Optional.of(new Problem.FieldError("name", "must be at most " + Profile.MAX_NAME + " characters"));
        }
        return TextRules.check("name", name, TextRules.Lines.SINGLE);
    }

    /** The text stripped, or null when it is null or blank. */
    public static String blankToNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.strip();
    }

    /** {@code current} with the update's non-null fields applied, or the fields that are invalid. */
    public static Outcome<Profile> apply(Profile current, ProfileUpdate update) {
        List<Problem.FieldError> errors = new ArrayList<>();
        checkName(update.name()).ifPresent(errors::add);
        if (update.aboutMe() != null && update.aboutMe().strip().length() > Profile.MAX_ABOUT_ME) {
            errors.add(new Problem.FieldError("about_me", "must be at most " + Profile.MAX_ABOUT_ME + " characters"));
        } else {
            TextRules.check("about_me", update.aboutMe(), TextRules.Lines.MULTIPLE).ifPresent(errors::add);
        }
        List<String> hobbies = null;
        if (update.hobbies() != null) {
            hobbies = update.hobbies().stream().map(h -> h == null ? "" : h.strip()).toList();
            if (hobbies.size() > Profile.MAX_HOBBIES
                    || hobbies.stream().anyMatch(h -> h.isEmpty() || h.length() > Profile.MAX_HOBBY)) {
                errors.add(new Problem.FieldError("hobbies", "at most " + Profile.MAX_HOBBIES
                        + " entries, each 1 to " + Profile.MAX_HOBBY + " characters"));
            } else {
                hobbies.stream().map(h -> TextRules.check("hobbies", h, TextRules.Lines.SINGLE))
                        .flatMap(Optional::stream).findFirst().ifPresent(errors::add);
            }
        }
        if (!errors.isEmpty()) {
            return Outcome.refused(new Problem.InvalidInput(errors));
        }
        return Outcome.done(new Profile(
                update.name() == null ? current.name() : blankToNull(update.name()),
                update.aboutMe() == null ? current.aboutMe() : blankToNull(update.aboutMe()),
                hobbies == null ? current.hobbies() : hobbies,
                update.accountType() == null ? current.accountType() : update.accountType()));
    }
}
