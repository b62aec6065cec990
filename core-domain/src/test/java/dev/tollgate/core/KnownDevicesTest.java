package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.session.DeviceView;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.api.session.SessionView;
import dev.tollgate.port.spi.mail.MailMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownDevicesTest {

    private static final RequestContext PHONE = RequestContext.of("198.51.100.20", "Phone/1.0");
    private static final RequestContext LAPTOP = RequestContext.of("2001:db8::7", "Laptop/2.0");

    private final CoreFixture fixture = new CoreFixture();

    private SessionTokens login(String name, RequestContext from, String device) {
        return fixture.core.sessions().login(new Login(TenantId.DEFAULT, name, PASSWORD, from, device)).orElseThrow();
    }

    private List<MailMessage.NewSignIn> notices(String address) {
        return fixture.mailer.sentTo(Email.of(address)).stream()
                .filter(MailMessage.NewSignIn.class::isInstance).map(MailMessage.NewSignIn.class::cast).toList();
    }

    private long newDeviceEvents(UserRef user) {
        return fixture.audit(user).stream().filter(event -> event.type() == AuditType.NEW_DEVICE_SIGN_IN).count();
    }

    @Test
    void aLoginWithoutADevice_getsAnIdentifierToKeep_andANoticeOfTheNewSignIn() {
        UserRef user = fixture.register("alice").user().ref();

        SessionTokens tokens = login("alice", PHONE, null);

        assertThat(tokens.device()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(tokens.toString()).doesNotContain(tokens.device());
        List<MailMessage.NewSignIn> sent = notices("alice@example.com");
        assertThat(sent).singleElement().satisfies(notice -> {
            assertThat(notice.ip()).isEqualTo("198.51.100.20");
            assertThat(notice.userAgent()).isEqualTo("Phone/1.0");
            assertThat(notice.at()).isEqualTo(fixture.clock.instant());
        });
        assertThat(newDeviceEvents(user)).isEqualTo(1);
    }

    @Test
    void theSameDeviceAgain_isKnown_andNoticedNoMore_anotherIs() {
        UserRef user = fixture.register("bob").user().ref();
        String phone = login("bob", PHONE, null).device();
        fixture.clock.advance(Duration.ofHours(2));

        SessionTokens again = login("bob", PHONE, phone);
        fixture.clock.advance(Duration.ofMinutes(1));
        login("bob", LAPTOP, null);

        assertThat(again.device()).isEqualTo(phone);
        assertThat(notices("bob@example.com")).hasSize(2)
                .extracting(MailMessage.NewSignIn::userAgent).containsExactly("Phone/1.0", "Laptop/2.0");
        assertThat(newDeviceEvents(user)).isEqualTo(2);
        List<DeviceView> devices = fixture.core.sessions().devices(user);
        assertThat(devices).hasSize(2);
        assertThat(devices.get(0).userAgent()).as("the most recently seen first").isEqualTo("Laptop/2.0");
        DeviceView known = devices.get(1);
        assertThat(known.firstSeenAt()).isEqualTo(fixture.clock.instant().minus(Duration.ofHours(2).plusMinutes(1)));
        assertThat(known.lastSeenAt()).isEqualTo(fixture.clock.instant().minus(Duration.ofMinutes(1)));
        assertThat(known.label()).doesNotContain(phone).hasSize(12);
    }

    @Test
    void sessions_showTheirDevice_addressAndUserAgent() {
        UserRef user = fixture.register("carol").user().ref();
        String phone = login("carol", PHONE, null).device();
        login("carol", LAPTOP, null);
        login("carol", PHONE, phone);

        List<SessionView> sessions = fixture.core.sessions().list(user);
        List<DeviceView> devices = fixture.core.sessions().devices(user);

        assertThat(sessions).hasSize(3).allSatisfy(session -> assertThat(session.device()).isNotNull());
        assertThat(sessions).extracting(SessionView::device).containsOnly(devices.get(0).label(), devices.get(1).label());
        assertThat(sessions).filteredOn(session -> "Laptop/2.0".equals(session.userAgent()))
                .singleElement().extracting(SessionView::ip).isEqualTo("2001:db8::7");
    }

    @Test
    void anIdentifierOfAnotherUser_isANewDeviceForThisOne() {
        fixture.register("dave");
        UserRef erin = fixture.register("erin").user().ref();
        String daves = login("dave", PHONE, null).device();

        login("erin", PHONE, daves);

        assertThat(newDeviceEvents(erin)).isEqualTo(1);
        assertThat(fixture.core.sessions().devices(erin).get(0).label())
                .isNotEqualTo(fixture.core.sessions().devices(fixture.users.findByUsername(TenantId.DEFAULT,
                        dev.tollgate.port.Username.parse("dave").orElseThrow()).orElseThrow().ref()).get(0).label());
    }

    @Test
    void anImplausibleIdentifier_isReplacedByANewOne() {
        fixture.register("frank");

        SessionTokens tokens = login("frank", PHONE, "short");
        SessionTokens hostile = login("frank", PHONE, "x".repeat(40) + "\n\u0000");

        assertThat(tokens.device()).isNotEqualTo("short");
        assertThat(hostile.device()).doesNotContain("\n");
    }

    @Test
    void theNotice_canBeTurnedOff_whileDevicesAreStillKnown() {
        CoreFixture quiet = new CoreFixture(settings -> settings.withSecurity(settings.security().withNewDeviceMail(false)));
        UserRef user = quiet.register("gina").user().ref();

        quiet.core.sessions().login(new Login(TenantId.DEFAULT, "gina", PASSWORD, PHONE, null)).orElseThrow();

        assertThat(quiet.mailer.sent()).noneMatch(MailMessage.NewSignIn.class::isInstance);
        assertThat(quiet.core.sessions().devices(user)).hasSize(1);
    }

    @Test
    void aFailingMailer_doesNotRefuseTheLogin() {
        fixture.register("hank");
        fixture.mailer.failNext(5);

        assertThat(fixture.core.sessions().login(new Login(TenantId.DEFAULT, "hank", PASSWORD, PHONE, null)).isDone())
                .isTrue();
    }
}
