/**
 * Tollgate's mails over SMTP with Jakarta Mail: {@link dev.tollgate.adapter.smtp.SmtpMailer}
 * configured by {@link dev.tollgate.adapter.smtp.SmtpSettings} and worded by
 * {@link dev.tollgate.adapter.smtp.MailTemplates}.
 */
package dev.tollgate.adapter.smtp;
