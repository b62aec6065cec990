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

    @Test
    void theNewSignInNotice_saysWhenFromWhereAndWhatToDoIfItWasNotTheUser() {
        RenderedMail mail = templates.render(Mails.newSignIn(TO), "Tollgate");

        assertThat(mail.subject()).isEqualTo("New sign-in to your Tollgate account");
        for (String body : new String[] {mail.text(), mail.html()}) {
            assertThat(body).contains("alice", "24 November 2026 at 06:30 UTC", Mails.IP, Mails.USER_AGENT,
                    "change your", "sessions list").doesNotContain("{{");
        }
    }

    @Test
    void aHostileUserAgent_isEscapedInTheHtml_andKeptAsTextInTheTextPart() {
        String hostile = "<script>alert('x')</script><a href=\"https://evil.example\">Sign in</a> & more";

        RenderedMail mail = templates.render(Mails.newSignIn(TO, "198.51.100.7", hostile), "Tollgate");

        assertThat(mail.html()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;a href=&quot;"
                + "https://evil.example&quot;&gt;Sign in&lt;/a&gt; &amp; more")
                .doesNotContain("<script>").doesNotContain("<a href");
        assertThat(mail.text()).contains(hostile);
        assertThat(mail.subject()).doesNotContain("script");
    }

    @Test
    void aSignInWithoutAddressOrUserAgent_saysUnknown() {
        RenderedMail mail = templates.render(Mails.newSignIn(TO, null, " "), "Tollgate");

        assertThat(mail.text()).contains("Address:     unknown").contains("User agent:  unknown");
        assertThat(mail.html()).contains("<td>unknown</td>");
    }

    @Test
    void aLongUserAgentWithControlCharacters_isCutAndFlattened() {
        String agent = "Agent\u0007\tLine\n" + "x".repeat(500);

        RenderedMail mail = templates.render(Mails.newSignIn(TO, Mails.IP, agent), "Tollgate");

        String expected = ("Agent  Line " + "x".repeat(500)).substring(0, MailTemplates.LONGEST_USER_AGENT) + "\u2026";
        assertThat(mail.text()).contains("User agent:  " + expected + "\n").doesNotContain("\u0007");
        assertThat(mail.html()).contains("<td>" + expected + "</td>");
    }

    @Test
    void theNewSignInNotice_canBeReworded_butNotWithACode() {
        MailTemplates custom = templates.withNewSignIn(MailTemplate.of("{{app}}: new sign-in",
                "{{username}} signed in on {{signedInAt}} from {{ip}} ({{userAgent}}).", "<p>{{userAgent}}</p>"));

        RenderedMail mail = custom.render(Mails.newSignIn(TO), "Acme");

        assertThat(mail.subject()).isEqualTo("Acme: new sign-in");
        assertThat(mail.text()).isEqualTo("alice signed in on 24 November 2026 at 06:30 UTC from " + Mails.IP + " ("
                + Mails.USER_AGENT + ").");
        assertThatThrownBy(() -> templates.withNewSignIn(MailTemplate.of("x", "{{code}}", "<p>{{code}}</p>")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newSignIn").hasMessageContaining("code");
    }
}
