package dev.tollgate.adapter.smtp;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wording of one kind of mail: a subject, a plain-text body and an HTML body fragment
 * (placed inside {@code <body>}), each with {@code {{name}}} placeholders. Which names a kind
 * offers is listed on {@link MailTemplates}. Values are inserted as they are into the subject
 * and the text, and HTML-escaped into the HTML, so the HTML template itself is trusted markup.
 */
public record MailTemplate(String subject, String text, String html) {

    static final String SUBJECT_SLOT = "{{subject}}";
    static final String BODY_SLOT = "{{body}}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");

    public MailTemplate {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        if (subject.isBlank() || text.isBlank() || html.isBlank()) {
            throw new IllegalArgumentException("a mail template needs a subject, a text and an HTML body");
        }
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a mail template's subject must be a single line");
        }
    }

    /** A template of these three parts. */
    public static MailTemplate of(String subject, String text, String html) {
        return new MailTemplate(subject, text, html);
    }

    /** The placeholder names used anywhere in this template. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        for (String part : new String[] {subject, text, html}) {
            Matcher matcher = PLACEHOLDER.matcher(part);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** Whether both bodies show {@code {{name}}}. */
    boolean bothBodiesShow(String name) {
        String placeholder = "{{" + name + "}}";
        return text.contains(placeholder) && html.contains(placeholder);
    }

    /**
     * The three parts with {@code values} in place; {@code html} gets them escaped and is placed
     * in {@code htmlFrame}, which holds {@value #SUBJECT_SLOT} before {@value #BODY_SLOT}.
     */
    RenderedMail fill(Map<String, String> values, String htmlFrame) {
        String filledSubject = fill(subject, values, UnaryOperator.identity());
        String body = fill(html, values, RenderedMail::escapeHtml);
        int title = htmlFrame.indexOf(SUBJECT_SLOT);
        int content = htmlFrame.indexOf(BODY_SLOT);
        String document = htmlFrame.substring(0, title) + RenderedMail.escapeHtml(filledSubject)
                + htmlFrame.substring(title + SUBJECT_SLOT.length(), content) + body
                + htmlFrame.substring(content + BODY_SLOT.length());
        return new RenderedMail(filledSubject, fill(text, values, UnaryOperator.identity()), document);
    }

    private static String fill(String template, Map<String, String> values, UnaryOperator<String> escape) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for placeholder {{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
