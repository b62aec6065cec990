package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.password.PasswordChange;
import dev.tollgate.port.api.profile.ProfileUpdate;
import dev.tollgate.port.api.registration.Registration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Input no store could keep as given (NUL, other control characters, unpaired surrogates,
 * instants past 9999) is a validation failure naming its field, judged in the core before any
 * store, so every store answers alike and nothing is stored changed.
 */
class StorableInputTest {

    private static final String LONE_HIGH = "\uD800";
    private static final String LONE_LOW = "\uDC00";

    private final CoreFixture fixture = new CoreFixture();
    private final UserRef alice = fixture.register("alice").user().ref();

    @Test
    void aNulOrAnUnpairedSurrogateInAnyProfileText_isRefusedNamingTheField_andNothingChanges() {
        assertThat(fieldsOf(fixture.core.profiles().update(alice, ProfileUpdate.none().withName("Al\u0000ice"), ORIGIN)))
                .containsExactly("name");
        assertThat(fieldsOf(fixture.core.profiles().update(alice, ProfileUpdate.none().withName("Al" + LONE_HIGH),
                ORIGIN))).containsExactly("name");
        assertThat(fieldsOf(fixture.core.profiles().update(alice, ProfileUpdate.none().withAboutMe("a\u0000b"), ORIGIN)))
                .containsExactly("about_me");
        assertThat(fieldsOf(fixture.core.profiles().update(alice, ProfileUpdate.none().withAboutMe(LONE_LOW + "x"),
                ORIGIN))).containsExactly("about_me");
        assertThat(fieldsOf(fixture.core.profiles().update(alice,
                ProfileUpdate.none().withHobbies(List.of("chess", "go\u0000")), ORIGIN))).containsExactly("hobbies");

        assertThat(fixture.core.profiles().view(alice).orElseThrow().profile().aboutMe()).isNull();
    }

    @Test
    void lineBreaksAndTabs_belongInAboutMe_butNotInANameOrAnEscapeCharacterAnywhere() {
        assertThat(fixture.core.profiles().update(alice, ProfileUpdate.none().withAboutMe("line one\n\tline two"),
                ORIGIN).isDone()).isTrue();
        assertThat(fieldsOf(fixture.core.profiles().update(alice, ProfileUpdate.none().withName("Ali\nce"), ORIGIN)))
                .containsExactly("name");
        assertThat(fieldsOf(fixture.core.profiles().update(alice, ProfileUpdate.none().withAboutMe("\u001B[31mred"),
                ORIGIN))).containsExactly("about_me");
        assertThat(fixture.core.profiles().update(alice, ProfileUpdate.none().withName("Ada \uD83D\uDE00 Lovelace"),
                ORIGIN).isDone()).as("a surrogate pair is one character").isTrue();
    }

    @Test
    void aRegistrationWithAnUnpairedSurrogate_inThePasswordOrTheName_isRefusedNamingBoth() {
        Outcome<?> registered = fixture.core.registration().register(Registration.of(TenantId.DEFAULT, "bob",
                "bob@example.com", PASSWORD + LONE_HIGH).withName("Bob" + LONE_HIGH));

        assertThat(fieldsOf(registered)).containsExactlyInAnyOrder("password", "name");
        assertThat(fixture.login("bob", PASSWORD + "?").isDone()).isFalse();
    }

    @Test
    void aNewPasswordWithAnUnpairedSurrogate_isRefused_andTheOldOneStillWorks() {
        Outcome<?> changed = fixture.core.passwords().change(new PasswordChange(alice, null, PASSWORD,
                "another-Horse-8-" + LONE_LOW, ORIGIN));

        assertThat(fieldsOf(changed)).containsExactly("new_password");
        assertThat(fixture.login("alice", PASSWORD).isDone()).isTrue();
    }

    @Test
    void aLoginWithAnUnpairedSurrogate_neverMatchesThePasswordItsReplacementWouldSpell() {
        fixture.core.registration().register(Registration.of(TenantId.DEFAULT, "carol",
                "carol@example.com", "question-Mark-9?"))
                .orElseThrow();

        assertThat(fixture.login("carol", "question-Mark-9" + LONE_HIGH).problem())
                .isInstanceOf(Problem.InvalidCredentials.class);
        assertThat(fixture.login("carol", "question-Mark-9?").isDone()).isTrue();
    }

    @Test
    void aKeyNameWithANul_orAnExpiryPastTheYear9999_isRefusedNamingTheField() {
        assertThat(fieldsOf(fixture.core.apiKeys().create(alice, "ci\u0000", null, ORIGIN))).containsExactly("name");
        assertThat(fieldsOf(fixture.core.apiKeys().create(alice, "ci", Instant.parse("+10000-01-01T00:00:00Z"),
                ORIGIN))).containsExactly("expires_at");
        assertThat(fixture.core.apiKeys().create(alice, "ci", Instant.parse("9999-12-31T00:00:00Z"), ORIGIN)
                .isDone()).isTrue();
    }

    @Test
    void aDeletionReasonWithANul_isRefused_andTheAccountStays() {
        assertThat(fieldsOf(fixture.core.accounts().delete(alice, PASSWORD, "bye\u0000", ORIGIN)))
                .containsExactly("reason");
        assertThat(fixture.core.profiles().view(alice).isDone()).isTrue();
    }

    private static List<String> fieldsOf(Outcome<?> outcome) {
        assertThat(outcome.isDone()).as("refused").isFalse();
        assertThat(outcome.problem()).isInstanceOf(Problem.InvalidInput.class);
        return ((Problem.InvalidInput) outcome.problem()).errors().stream().map(Problem.FieldError::field).toList();
    }
}
