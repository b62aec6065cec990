package dev.tollgate.port.api.profile;

import dev.tollgate.port.AccountType;
import java.util.List;

/**
 * A partial change of a profile: a {@code null} component leaves that field as it is; an
 * empty string clears a text field and an empty list clears the hobbies.
 */
public record ProfileUpdate(String name, String aboutMe, List<String> hobbies, AccountType accountType) {

    public ProfileUpdate {
        hobbies = hobbies == null ? null : List.copyOf(hobbies);
    }

    public static ProfileUpdate none() {
        return new ProfileUpdate(null, null, null, null);
    }

    public ProfileUpdate withName(String newName) {
        return new ProfileUpdate(newName, aboutMe, hobbies, accountType);
    }

    public ProfileUpdate withAboutMe(String text) {
        return new ProfileUpdate(name, text, hobbies, accountType);
    }

    public ProfileUpdate withHobbies(List<String> list) {
        return new ProfileUpdate(name, aboutMe, list, accountType);
    }

    public ProfileUpdate withAccountType(AccountType type) {
        return new ProfileUpdate(name, aboutMe, hobbies, type);
    }
}
