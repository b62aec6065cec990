package dev.tollgate.adapter.memory.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.Username;
import dev.tollgate.port.spi.mail.MailMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsoleMailerTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:25:00Z");
    private static final Email ADA = Email.of("ada@example.com");
    private static final Username USER = Username.of("ada");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ConsoleMailer mailer = new ConsoleMailer(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheVerificationCode_andTheAddress() {
        mailer.send(new MailMessage.VerificationCode(TenantId.DEFAULT, ADA, USER, "482913", AT));

        assertThat(printed()).contains("482913").contains("ada@example.com").contains("verification");
    }

    @Test
    void printsThePasswordResetCode() {
        mailer.send(new MailMessage.PasswordResetCode(TenantId.DEFAULT, ADA, USER, "739201", AT));

        assertThat(printed()).contains("739201").contains("reset");
    }

    @Test
    void printsNoticesOfChanges() {
        mailer.send(new MailMessage.EmailChanged(TenantId.DEFAULT, ADA, USER, Email.of("new@example.com")));
        mailer.send(new MailMessage.PasswordChanged(TenantId.DEFAULT, ADA, USER, AT));

        assertThat(printed()).contains("new@example.com").contains(AT.toString());
    }

    @Test
    void printsANewSignIn_onOneLine_whateverTheUserAgentHolds() {
        mailer.send(new MailMessage.NewSignIn(TenantId.DEFAULT, ADA, USER, AT, "198.51.100.7",
                "Evil/1.0\n[tollgate mail] forged line"));
        mailer.send(new MailMessage.NewSignIn(TenantId.DEFAULT, ADA, USER, AT, null, null));

        String[] lines = printed().replace(ConsoleMailer.WARNING, "").strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).contains("new sign-in").contains("198.51.100.7").contains("Evil/1.0 [tollgate mail] forged");
        assertThat(lines[1]).contains("from unknown with unknown");
    }

    @Test
    void warnsOnce_beforeTheFirstMail_thatItIsNotForProduction() {
        mailer.send(new MailMessage.VerificationCode(TenantId.DEFAULT, ADA, USER, "111111", AT));
        mailer.send(new MailMessage.VerificationCode(TenantId.DEFAULT, ADA, USER, "222222", AT));

        String output = printed();
        assertThat(output).startsWith(ConsoleMailer.WARNING);
        assertThat(output.split(java.util.regex.Pattern.quote(ConsoleMailer.WARNING), -1)).hasSize(2);
        assertThat(ConsoleMailer.WARNING).contains("never use it in production");
    }

    @Test
    void printsNothing_beforeTheFirstMail() {
        assertThat(printed()).isEmpty();
    }
}
