package dev.tollgate.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileTest {

    @Test
    void anEmptyProfile_hasOnlyItsAccountType() {
        Profile empty = Profile.empty(AccountType.PERSONAL);

        assertThat(empty.name()).isNull();
        assertThat(empty.aboutMe()).isNull();
        assertThat(empty.hobbies()).isEmpty();
        assertThat(new Profile(null, null, null, AccountType.PERSONAL)).isEqualTo(empty);
    }

    @Test
    void theLimits_areInclusive() {
        Profile full = new Profile("n".repeat(Profile.MAX_NAME), "a".repeat(Profile.MAX_ABOUT_ME),
                Collections.nCopies(Profile.MAX_HOBBIES, "h".repeat(Profile.MAX_HOBBY)), AccountType.BUSINESS);

        assertThat(full.hobbies()).hasSize(20);
        assertThatThrownBy(() -> new Profile("n".repeat(Profile.MAX_NAME + 1), null, null, AccountType.PERSONAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> new Profile(null, "a".repeat(Profile.MAX_ABOUT_ME + 1), null, AccountType.PERSONAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("about_me");
        assertThatThrownBy(() -> new Profile(null, null, Collections.nCopies(21, "chess"), AccountType.PERSONAL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Profile(null, null, List.of("h".repeat(51)), AccountType.PERSONAL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Profile(null, null, List.of(" "), AccountType.PERSONAL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Profile(null, null, null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theHobbies_areACopy_thatNobodyCanChangeLater() {
        List<String> hobbies = new ArrayList<>(List.of("chess"));
        Profile profile = new Profile(null, null, hobbies, AccountType.PERSONAL);

        hobbies.add("go");

        assertThat(profile.hobbies()).containsExactly("chess");
        assertThatThrownBy(() -> profile.hobbies().add("go")).isInstanceOf(UnsupportedOperationException.class);
    }
}
