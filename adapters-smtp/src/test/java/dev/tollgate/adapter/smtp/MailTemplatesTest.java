package dev.tollgate.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MailTemplatesTest {

    private static final String TO = "alice@example.com";
    private final MailTemplates templates = MailTemplates.standard();

    @Test
    void valuesWithMarkup_areEscapedInTheHtmlOnly() {
        RenderedMail mail = templates.render(Mails.emailChanged(TO, "o'brien@example.com"), "Acme <Beta> & Co");

        assertThat(mail.subject()).isEqualTo("Your Acme <Beta> & Co account's address was changed");
        assertThat(mail.text()).contains("Acme <Beta> & Co").contains("o'brien@example.com");
        assertThat(mail.html()).contains("Acme &lt;Beta&gt; &amp; Co").contains("o&#39;brien@example.com")
                .doesNotContain("<Beta>").doesNotContain("o'brien");
    }

    @Test
    void anAppNameLookingLikeAPlaceholder_isShownAsItIs() {
        RenderedMail mail = templates.render(Mails.verificationCode(TO), "{{code}} {{body}}");

        assertThat(mail.subject()).isEqualTo("Your {{code}} {{body}} verification code");
        assertThat(mail.html()).containsOnlyOnce("<p style=\"font-family");
    }

    @Test
    void theNoticeOfAnAttemptedRegistration_namesTheAccountAndWhen_andHoldsNoCode() {
        RenderedMail mail = templates.render(Mails.registrationAttempted(TO), "Tollgate");

        assertThat(mail.subject()).isEqualTo("Someone tried to register with your Tollgate address");
        assertThat(mail.text()).contains("alice", TO, "22 November 2026 at 17:45 UTC").doesNotContain("{{");
        assertThat(mail.html()).contains("alice", "22 November 2026 at 17:45 UTC").doesNotContain("{{");
    }

    @Test
    void theRenderedMailsToString_showsOnlyTheSubject() {
        RenderedMail mail = templates.render(Mails.passwordResetCode(TO), "Tollgate");

        assertThat(mail.toString()).isEqualTo("RenderedMail[subject=Your Tollgate password reset code]");
    }

    @Test
    void aKindCanBeReworded_withThePlaceholdersItsMailOffers() {
        MailTemplates custom = templates.withPasswordChanged(MailTemplate.of(
                "{{app}}: password changed", "Changed on {{changedAt}} for {{username}}.", "<p>Changed on {{changedAt}}.</p>"));

        RenderedMail mail = custom.render(Mails.passwordChanged(TO), "Acme");

        assertThat(mail.subject()).isEqualTo("Acme: password changed");
        assertThat(mail.text()).isEqualTo("Changed on 22 November 2026 at 17:45 UTC for alice.");
        assertThat(mail.html()).contains("<p>Changed on 22 November 2026 at 17:45 UTC.</p>");
    }

    @Test
    void aTemplateUsingAPlaceholderItsMailDoesNotOffer_isRefused() {
        MailTemplate withCode = MailTemplate.of("Changed", "Your code was {{code}}", "<p>{{code}}</p>");

        assertThatThrownBy(() -> templates.withPasswordChanged(withCode))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("passwordChanged").hasMessageContaining("code");
    }

    @Test
    void aCodeTemplateWithoutTheCodeInBothBodies_isRefused() {
        MailTemplate htmlWithoutCode = MailTemplate.of("Code", "Your code: {{code}}", "<p>See the text part.</p>");

        assertThatThrownBy(() -> templates.withVerificationCode(htmlWithoutCode))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{{code}}");
    }
}
