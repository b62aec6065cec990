package dev.tollgate.adapter.smtp;

import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;

/**
 * GreenMail server setups for tests on a loaded machine: a dynamic port and a start-up timeout
 * of 30 s instead of GreenMail's 2 s (the start ends as soon as the server listens), and how long
 * a test waits for a mail to arrive (the wait ends when it does).
 */
final class MailServers {

    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    /** For {@code waitForIncomingEmail}: generous, as it returns as soon as the mails are in. */
    static final long ARRIVAL_WAIT_MILLIS = 60_000;

    private MailServers() {
    }

    /** A copy of {@code setup} on a free port with the patient start-up timeout. */
    static ServerSetup patient(ServerSetup setup) {
        ServerSetup copy = setup.dynamicPort();
        copy.setServerStartupTimeout(STARTUP_TIMEOUT.toMillis());
        return copy;
    }

    /** {@code setup} itself (its port kept) with the patient start-up timeout. */
    static ServerSetup patientOnItsPort(ServerSetup setup) {
        setup.setServerStartupTimeout(STARTUP_TIMEOUT.toMillis());
        return setup;
    }
}
