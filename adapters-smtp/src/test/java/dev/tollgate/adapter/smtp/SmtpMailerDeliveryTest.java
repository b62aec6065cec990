package dev.tollgate.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tollgate.port.spi.mail.MailDeliveryException;
import dev.tollgate.port.spi.mail.MailMessage;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of mail through a real SMTP server in the JVM (GreenMail), plain and with SMTP AUTH. */
class SmtpMailerDeliveryTest {

    private static final String FROM = "no-reply@tollgate.test";
    private static final String TO = "alice@example.com";

    @RegisterExtension
    static final GreenMailExtension SERVER = new GreenMailExtension(MailServers.patient(ServerSetupTest.SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer@tollgate.test", "mailer", "s3cret"))
            .withPerMethodLifecycle(false);

    private final RecordingSleeper sleeper = new RecordingSleeper();

    @BeforeEach
    void emptyMailboxes() throws Exception {
        SERVER.purgeEmailFromAllMailboxes();
    }

    private static SmtpSettings settings() {
        return SmtpSettings.defaults(TestPorts.HOST, SERVER.getSmtp().getPort(), FROM)
                .withTlsMode(TlsMode.NONE)
                .withFromName("Tollgate")
                .withReadTimeout(Duration.ofSeconds(30));
    }

    private SmtpMailer mailer(SmtpSettings settings) {
        return SmtpMailer.create(settings, MailTemplates.standard(), sleeper);
    }

    static Stream<Arguments> everyKind() {
        return Stream.of(
                Arguments.of(Mails.verificationCode(TO), "Your Tollgate verification code"),
                Arguments.of(Mails.passwordResetCode(TO), "Your Tollgate password reset code"),
                Arguments.of(Mails.emailChanged(TO, "alice@new.example.org"), "Your Tollgate account's address was changed"),
                Arguments.of(Mails.passwordChanged(TO), "Your Tollgate password was changed"),
                Arguments.of(Mails.newSignIn(TO), "New sign-in to your Tollgate account"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyKind")
    void eachKindOfMail_arrivesWithItsRecipientSenderAndSubject(MailMessage message, String subject) throws Exception {
        mailer(settings()).send(message);

        MimeMessage received = onlyReceived();
        assertThat(received.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(TO);
        InternetAddress from = (InternetAddress) received.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo(FROM);
        assertThat(from.getPersonal()).isEqualTo("Tollgate");
        assertThat(received.getSubject()).isEqualTo(subject);
        assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(received.getContentType()).startsWith("multipart/alternative");
        assertThat(sleeper.waits()).isEmpty();
    }

    static Stream<MailMessage> codeMails() {
        return Stream.of(Mails.verificationCode(TO), Mails.passwordResetCode(TO));
    }

    @ParameterizedTest
    @MethodSource("codeMails")
    void codeMails_showTheCodeAndItsExpiryInThePlainAndTheHtmlPart(MailMessage message) throws Exception {
        mailer(settings()).send(message);

        MimeMessage received = onlyReceived();
        String text = part(received, 0, "text/plain");
        String html = part(received, 1, "text/html");
        assertThat(text).contains(Mails.CODE).contains("23 November 2026 at 08:09 UTC").contains("alice");
        assertThat(html).contains(Mails.CODE).contains("23 November 2026 at 08:09 UTC").contains("alice");
    }

    @Test
    void addressChangedNotice_namesTheNewAddressAndWhatToDoIfItWasNotTheUser() throws Exception {
        mailer(settings()).send(Mails.emailChanged(TO, "alice@new.example.org"));

        MimeMessage received = onlyReceived();
        for (String body : new String[] {part(received, 0, "text/plain"), part(received, 1, "text/html")}) {
            assertThat(body).contains("address was changed to").contains("alice@new.example.org")
                    .contains("If you did not").contains("reset");
        }
    }

    @Test
    void passwordChangedNotice_saysWhenAndWhatToDoIfItWasNotTheUser() throws Exception {
        mailer(settings()).send(Mails.passwordChanged(TO));

        MimeMessage received = onlyReceived();
        for (String body : new String[] {part(received, 0, "text/plain"), part(received, 1, "text/html")}) {
            assertThat(body).contains("password was changed").contains("22 November 2026 at 17:45 UTC")
                    .contains("If you did not");
        }
    }

    @Test
    void newSignInNotice_saysWhenFromWhichAddressAndUserAgent_andWhatToDoIfItWasNotTheUser() throws Exception {
        mailer(settings()).send(Mails.newSignIn(TO));

        MimeMessage received = onlyReceived();
        for (String body : new String[] {part(received, 0, "text/plain"), part(received, 1, "text/html")}) {
            assertThat(body).contains("24 November 2026 at 06:30 UTC").contains(Mails.IP).contains(Mails.USER_AGENT)
                    .contains("If it was not you").contains("change your").contains("sessions list");
        }
    }

    @Test
    void givenAHostileUserAgent_whenTheNewSignInNoticeIsSent_thenTheHtmlPartEscapesIt() throws Exception {
        String hostile = "<img src=x onerror=\"alert(1)\"><b>Bank</b> & Co";
        mailer(settings()).send(Mails.newSignIn(TO, "2001:db8::7", hostile));

        MimeMessage received = onlyReceived();
        assertThat(received.getSubject()).isEqualTo("New sign-in to your Tollgate account");
        assertThat(part(received, 0, "text/plain")).contains(hostile).contains("2001:db8::7");
        String html = part(received, 1, "text/html");
        assertThat(html).contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;b&gt;Bank&lt;/b&gt; &amp; Co")
                .doesNotContain("<img").doesNotContain("<b>Bank").contains("2001:db8::7");
    }

    @Test
    void givenAnAppNameWithMarkup_whenSent_thenTheHtmlPartEscapesItAndTheOthersKeepItAsIs() throws Exception {
        mailer(settings().withAppName("Acme <Beta> & Co")).send(Mails.verificationCode(TO));

        MimeMessage received = onlyReceived();
        assertThat(received.getSubject()).isEqualTo("Your Acme <Beta> & Co verification code");
        assertThat(part(received, 0, "text/plain")).contains("Your Acme <Beta> & Co verification code is:");
        String html = part(received, 1, "text/html");
        assertThat(html).contains("Acme &lt;Beta&gt; &amp; Co").doesNotContain("<Beta>").doesNotContain("& Co");
        assertThat(html).contains("<title>Your Acme &lt;Beta&gt; &amp; Co verification code</title>");
    }

    @Test
    void givenTheServersUser_whenAuthenticatingWithTheRightPassword_thenTheMailIsDelivered() throws Exception {
        mailer(settings().withCredentials("mailer", "s3cret")).send(Mails.passwordChanged(TO));

        assertThat(onlyReceived().getSubject()).isEqualTo("Your Tollgate password was changed");
    }

    @Test
    void givenAWrongPassword_whenSending_thenItFailsAfterOneAttemptWithoutRetrying() {
        SmtpMailer mailer = mailer(settings().withCredentials("mailer", "wrong"));

        assertThatThrownBy(() -> mailer.send(Mails.verificationCode(TO)))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessage("verification-code mail to example.com not delivered after 1 attempt: authentication failed")
                .satisfies(e -> assertThat(FailureText.of(e)).doesNotContain(Mails.CODE));
        assertThat(sleeper.waits()).isEmpty();
        assertThat(SERVER.getReceivedMessages()).isEmpty();
    }

    @Test
    void oneMailer_deliversFromManyThreadsAtOnce() throws Exception {
        SmtpMailer mailer = mailer(settings());
        int senders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                String to = "user" + i + "@example.com";
                sends.add(pool.submit(() -> mailer.send(Mails.verificationCode(to))));
            }
            for (Future<?> send : sends) {
                send.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(SERVER.waitForIncomingEmail(MailServers.ARRIVAL_WAIT_MILLIS, senders)).isTrue();
        assertThat(SERVER.getReceivedMessages())
                .extracting(message -> message.getRecipients(Message.RecipientType.TO)[0].toString())
                .containsExactlyInAnyOrder("user0@example.com", "user1@example.com", "user2@example.com",
                        "user3@example.com", "user4@example.com", "user5@example.com", "user6@example.com",
                        "user7@example.com");
    }

    private static MimeMessage onlyReceived() {
        assertThat(SERVER.waitForIncomingEmail(MailServers.ARRIVAL_WAIT_MILLIS, 1)).isTrue();
        MimeMessage[] received = SERVER.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    private static String part(MimeMessage message, int index, String contentType) throws Exception {
        MimeMultipart alternatives = (MimeMultipart) message.getContent();
        assertThat(alternatives.getCount()).isEqualTo(2);
        BodyPart part = alternatives.getBodyPart(index);
        assertThat(part.getContentType()).startsWith(contentType).containsIgnoringCase("charset=UTF-8");
        return (String) part.getContent();
    }
}
