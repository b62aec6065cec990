package dev.tollgate.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** Replies GreenMail cannot be made to give: 4xx deferrals and 5xx rejections of a recipient. */
class DeliveryFailureTest {

    @Test
    void aTemporaryRejectionOfTheRecipient_isTransient() throws Exception {
        InternetAddress to = new InternetAddress("alice@example.com");
        SMTPAddressFailedException rcpt = new SMTPAddressFailedException(to, "RCPT TO:<alice@example.com>", 451, "451 try later");
        SendFailedException failed = new SendFailedException("Invalid Addresses", rcpt, null, null, new Address[] {to});

        assertThat(DeliveryFailure.of(failed, 451)).isEqualTo(new DeliveryFailure(true, "deferred (451)"));
    }

    @Test
    void aPermanentRejectionOfTheRecipient_isPermanent() throws Exception {
        InternetAddress to = new InternetAddress("nobody@example.com");
        SMTPAddressFailedException rcpt = new SMTPAddressFailedException(to, "RCPT TO:<nobody@example.com>", 550, "550 no such user");
        SendFailedException failed = new SendFailedException("Invalid Addresses", rcpt, null, null, new Address[] {to});

        assertThat(DeliveryFailure.of(failed, 550)).isEqualTo(new DeliveryFailure(false, "rejected (550)"));
    }

    @Test
    void aRejectedMessage_isPermanentAndADeferredOneTransient() {
        assertThat(DeliveryFailure.of(new SMTPSendFailedException("DATA", 554, "554 spam", null, null, null, null), 554))
                .isEqualTo(new DeliveryFailure(false, "rejected (554)"));
        assertThat(DeliveryFailure.of(new SMTPSendFailedException("MAIL", 421, "421 closing", null, null, null, null), 421))
                .isEqualTo(new DeliveryFailure(true, "deferred (421)"));
    }

    @Test
    void aBadGreeting_isJudgedByTheTransportsLastReplyCode() {
        MessagingException badGreeting = new MessagingException("Got bad greeting from SMTP host");

        assertThat(DeliveryFailure.of(badGreeting, 421).transientFailure()).isTrue();
        assertThat(DeliveryFailure.of(badGreeting, 554).transientFailure()).isFalse();
        assertThat(DeliveryFailure.of(badGreeting, -1)).isEqualTo(new DeliveryFailure(false, "failed"));
    }

    @Test
    void authenticationReplyCodes_sayAuthenticationFailed() {
        assertThat(DeliveryFailure.ofReplyCode(535)).isEqualTo(new DeliveryFailure(false, "authentication failed (535)"));
    }
}
