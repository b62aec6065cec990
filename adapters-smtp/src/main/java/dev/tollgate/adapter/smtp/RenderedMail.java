package dev.tollgate.adapter.smtp;

import java.util.Objects;

/**
 * One mail ready to send: its subject, its plain-text body and its HTML document. Holds a
 * code when the mail carries one, so {@link #toString()} shows only the subject.
 */
public record RenderedMail(String subject, String text, String html) {

    public RenderedMail {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
    }

    /** {@code value} with the characters that are markup in HTML replaced by entities. */
    public static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "RenderedMail[subject=" + subject + "]";
    }
}
