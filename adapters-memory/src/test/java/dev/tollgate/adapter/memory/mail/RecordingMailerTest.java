package dev.tollgate.adapter.memory.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.Username;
import dev.tollgate.port.spi.mail.MailDeliveryException;
import dev.tollgate.port.spi.mail.MailMessage;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordingMailerTest {

    private static final Instant EXPIRY = Instant.parse("2025-03-01T10:25:00Z");
    private static final Email ADA = Email.of("ada@example.com");
    private static final Email GRACE = Email.of("grace@example.com");
    private static final Username USER = Username.of("ada");

    private final RecordingMailer mailer = new RecordingMailer();

    private static MailMessage verification(Email to, String code) {
        return new MailMessage.VerificationCode(TenantId.DEFAULT, to, USER, code, EXPIRY);
    }

    private static MailMessage reset(Email to, String code) {
        return new MailMessage.PasswordResetCode(TenantId.DEFAULT, to, USER, code, EXPIRY);
    }

    @Test
    void keepsEverySentMessage_inOrder() {
        MailMessage first = verification(ADA, "111111");
        MailMessage second = new MailMessage.PasswordChanged(TenantId.DEFAULT, GRACE, USER, EXPIRY);

        mailer.send(first);
        mailer.send(second);

        assertThat(mailer.sent()).containsExactly(first, second);
    }

    @Test
    void sentTo_answersOnlyTheMessagesForThatAddress() {
        MailMessage toAda = verification(ADA, "111111");
        mailer.send(toAda);
        mailer.send(verification(GRACE, "222222"));

        assertThat(mailer.sentTo(ADA)).containsExactly(toAda);
    }

    @Test
    void lastCodeFor_answersTheNewestCodeSentToTheAddress_ofEitherKind() {
        mailer.send(verification(ADA, "111111"));
        mailer.send(reset(ADA, "222222"));
        mailer.send(new MailMessage.EmailChanged(TenantId.DEFAULT, ADA, USER, GRACE));
        mailer.send(verification(GRACE, "333333"));

        assertThat(mailer.lastCodeFor(ADA)).contains("222222");
        assertThat(mailer.lastCodeFor(GRACE)).contains("333333");
        assertThat(mailer.lastCodeFor(Email.of("nobody@example.com"))).isEmpty();
    }

    @Test
    void clear_forgetsEveryMessage() {
        mailer.send(verification(ADA, "111111"));

        mailer.clear();

        assertThat(mailer.sent()).isEmpty();
        assertThat(mailer.lastCodeFor(ADA)).isEmpty();
    }

    @Test
    void failNext_failsExactlyThatManySends_withoutKeepingThem_andNamesNoCode() {
        mailer.failNext(2);

        assertThatThrownBy(() -> mailer.send(verification(ADA, "111111")))
                .isInstanceOf(MailDeliveryException.class)
                .message().doesNotContain("111111");
        assertThatThrownBy(() -> mailer.send(verification(ADA, "222222"))).isInstanceOf(MailDeliveryException.class);
        mailer.send(verification(ADA, "333333"));

        assertThat(mailer.sent()).hasSize(1);
        assertThat(mailer.lastCodeFor(ADA)).contains("333333");
    }

    @Test
    void keepsEveryMessageSentConcurrently() throws InterruptedException {
        ExecutorService executor = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 1000; i++) {
            String code = String.format("%06d", i);
            executor.execute(() -> mailer.send(verification(ADA, code)));
        }
        executor.shutdown();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        List<MailMessage> sent = mailer.sent();
        assertThat(sent).hasSize(1000).doesNotHaveDuplicates();
    }
}
