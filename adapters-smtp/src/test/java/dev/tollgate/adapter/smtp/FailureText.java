package dev.tollgate.adapter.smtp;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Everything a log would show of a failure: its messages and stack traces, causes included. */
final class FailureText {

    private FailureText() {
    }

    static String of(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
