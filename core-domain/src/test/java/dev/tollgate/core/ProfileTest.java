package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AccountType;
import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Profile;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.profile.ProfileUpdate;
import dev.tollgate.port.spi.audit.AuditEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProfileTest {

    private static final Profile FILLED =
            new Profile("Alice Liddell", "Fell down a rabbit hole.", List.of("croquet", "chess"), AccountType.PERSONAL);

    private final CoreFixture fixture = new CoreFixture();
    private final UserRef alice = fixture.core.registration()
            .register(fixture.registration("alice").withName("  Alice  ")).orElseThrow().user().ref();

    @Test
    void view_showsTheUserWithTheirProfile() {
        UserView view = fixture.core.profiles().view(alice).orElseThrow();

        assertThat(view.ref()).isEqualTo(alice);
        assertThat(view.username().value()).isEqualTo("alice");
        assertThat(view.profile()).isEqualTo(new Profile("Alice", null, List.of(), AccountType.PERSONAL));
    }

    @Test
    void update_setsEveryGivenField() {
        UserView view = update(new ProfileUpdate("Alice Liddell", "Fell down a rabbit hole.", List.of("croquet", "chess"),
                AccountType.BUSINESS)).orElseThrow();

        assertThat(view.profile()).isEqualTo(new Profile("Alice Liddell", "Fell down a rabbit hole.",
                List.of("croquet", "chess"), AccountType.BUSINESS));
        assertThat(fixture.core.profiles().view(alice).orElseThrow().profile()).isEqualTo(view.profile());
    }

    @Test
    void partialUpdate_leavesNullFieldsAsTheyAre() {
        fill();

        UserView view = update(ProfileUpdate.none().withAboutMe("Now back home.")).orElseThrow();

        assertThat(view.profile()).isEqualTo(new Profile("Alice Liddell", "Now back home.", List.of("croquet", "chess"),
                AccountType.PERSONAL));
    }

    @Test
    void emptyUpdate_changesNothing() {
        fill();

        assertThat(update(ProfileUpdate.none()).orElseThrow().profile()).isEqualTo(FILLED);
    }

    @Test
    void emptyTexts_clearTheirFields() {
        fill();

        UserView view = update(ProfileUpdate.none().withName("").withAboutMe("")).orElseThrow();

        assertThat(view.profile().name()).isNull();
        assertThat(view.profile().aboutMe()).isNull();
        assertThat(view.profile().hobbies()).containsExactly("croquet", "chess");
    }

    @Test
    void emptyList_clearsTheHobbies() {
        fill();

        UserView view = update(ProfileUpdate.none().withHobbies(List.of())).orElseThrow();

        assertThat(view.profile().hobbies()).isEmpty();
        assertThat(view.profile().name()).isEqualTo("Alice Liddell");
    }

    @Test
    void hobbies_keepTheirOrder_andAreStripped() {
        UserView view = update(ProfileUpdate.none().withHobbies(List.of("  zither ", "archery", "\tmahjong\n", "bridge")))
                .orElseThrow();

        assertThat(view.profile().hobbies()).containsExactly("zither", "archery", "mahjong", "bridge");
    }

    @Test
    void texts_areStripped() {
        UserView view = update(ProfileUpdate.none().withName("  Alice L.  ").withAboutMe("\n curious \n")).orElseThrow();

        assertThat(view.profile().name()).isEqualTo("Alice L.");
        assertThat(view.profile().aboutMe()).isEqualTo("curious");
    }

    @Test
    void fieldsAtTheirLimits_areAccepted() {
        List<String> twentyHobbies = hobbies(Profile.MAX_HOBBIES);
        twentyHobbies.set(0, "h".repeat(Profile.MAX_HOBBY));

        UserView view = update(new ProfileUpdate("n".repeat(Profile.MAX_NAME), "a".repeat(Profile.MAX_ABOUT_ME),
                twentyHobbies, null)).orElseThrow();

        assertThat(view.profile().name()).hasSize(100);
        assertThat(view.profile().aboutMe()).hasSize(2000);
        assertThat(view.profile().hobbies()).hasSize(20).startsWith("h".repeat(50));
    }

    @Test
    void tooLongName_failsValidationNamingName() {
        assertThat(fieldsOf(update(ProfileUpdate.none().withName("n".repeat(101))))).containsExactly("name");
    }

    @Test
    void tooLongAboutMe_failsValidationNamingAboutMe() {
        assertThat(fieldsOf(update(ProfileUpdate.none().withAboutMe("a".repeat(2001))))).containsExactly("about_me");
    }

    @Test
    void moreThanTwentyHobbies_failValidationNamingHobbies() {
        assertThat(fieldsOf(update(ProfileUpdate.none().withHobbies(hobbies(21))))).containsExactly("hobbies");
    }

    @Test
    void blankHobby_failsValidationNamingHobbies() {
        assertThat(fieldsOf(update(ProfileUpdate.none().withHobbies(List.of("chess", "   "))))).containsExactly("hobbies");
    }

    @Test
    void tooLongHobby_failsValidationNamingHobbies() {
        assertThat(fieldsOf(update(ProfileUpdate.none().withHobbies(List.of("h".repeat(51)))))).containsExactly("hobbies");
    }

    @Test
    void everyBadField_isNamedAtOnce() {
        Outcome<UserView> outcome = update(new ProfileUpdate("n".repeat(101), "a".repeat(2001), hobbies(21), null));

        assertThat(fieldsOf(outcome)).containsExactlyInAnyOrder("name", "about_me", "hobbies");
    }

    @Test
    void refusedUpdate_changesNothing_evenTheValidFields() {
        fill();

        update(new ProfileUpdate("Alice L.", "a".repeat(2001), List.of("go"), AccountType.BUSINESS));

        assertThat(fixture.core.profiles().view(alice).orElseThrow().profile()).isEqualTo(FILLED);
    }

    @Test
    void unknownUser_viewAndUpdate_areRefusedWithUserNotFound() {
        UserRef nobody = UserRef.of(TenantId.DEFAULT, new UserId(UUID.randomUUID()));

        assertThat(fixture.core.profiles().view(nobody).problem()).isInstanceOf(Problem.UserNotFound.class);
        assertThat(fixture.core.profiles().update(nobody, ProfileUpdate.none().withName("x"), ORIGIN).problem())
                .isInstanceOf(Problem.UserNotFound.class);
    }

    @Test
    void update_isAudited() {
        update(ProfileUpdate.none().withName("Alice Liddell")).orElseThrow();

        assertThat(profileEvents()).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(event.subject()).isEqualTo(alice.id());
            assertThat(event.actor()).isEqualTo(alice.id());
            assertThat(event.ip()).isEqualTo(ORIGIN.ip());
            assertThat(event.userAgent()).isEqualTo(ORIGIN.userAgent());
        });
    }

    @Test
    void refusedUpdate_isNotAuditedAsASuccess() {
        update(ProfileUpdate.none().withName("n".repeat(101)));

        assertThat(profileEvents()).noneMatch(event -> event.outcome() == AuditOutcome.SUCCESS);
    }

    @Test
    void profileUpdate_doesNotChangeAnythingElse() {
        UserView before = fixture.core.profiles().view(alice).orElseThrow();

        UserView after = update(ProfileUpdate.none().withName("Alice Liddell")).orElseThrow();

        assertThat(after).usingRecursiveComparison().ignoringFields("profile").isEqualTo(before);
    }

    private Outcome<UserView> update(ProfileUpdate update) {
        return fixture.core.profiles().update(alice, update, ORIGIN);
    }

    private void fill() {
        update(new ProfileUpdate(FILLED.name(), FILLED.aboutMe(), FILLED.hobbies(), FILLED.accountType())).orElseThrow();
        assertThat(fixture.core.profiles().view(alice).orElseThrow().profile()).isEqualTo(FILLED);
    }

    private static List<String> hobbies(int count) {
        return new ArrayList<>(IntStream.rangeClosed(1, count).mapToObj(i -> "hobby " + i).toList());
    }

    private static List<String> fieldsOf(Outcome<?> outcome) {
        assertThat(outcome.problem()).isInstanceOf(Problem.InvalidInput.class);
        return ((Problem.InvalidInput) outcome.problem()).errors().stream().map(Problem.FieldError::field).toList();
    }

    private List<AuditEvent> profileEvents() {
        return fixture.audit(alice).stream().filter(event -> event.type() == AuditType.PROFILE_UPDATED).toList();
    }
}
