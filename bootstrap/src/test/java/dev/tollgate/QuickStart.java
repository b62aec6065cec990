package dev.tollgate;

import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.port.Email;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.api.session.Principal;
import dev.tollgate.port.api.session.SessionTokens;
import java.nio.file.Path;

/**
 * The README's quick start, compiled and run by {@link QuickStartTest}; the test also checks
 * that the README shows exactly the code between the tags below.
 */
final class QuickStart {

    record Result(UserRef user, Principal principal, SessionTokens refreshed) {
    }

    static Result run(Path dataDirectory) {
        // tag::quickstart[]
        RecordingMailer mailer = new RecordingMailer(); // your Mailer in production
        try (Tollgate tollgate = Tollgate.builder()
                .mailer(mailer)
                .sqlite(dataDirectory) // or .postgres(jdbcUrl, user, password), .mongo(connectionString, database); default: SQLite in ./tollgate-data
                .build()) {
            // register: the first verification code goes out by mail
            UserRef ada = tollgate.registration()
                    .register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", "analytical-Engine-1843"))
                    .orElseThrow()
                    .user().ref();

            // verify the address with the mailed code
            String code = mailer.lastCodeFor(Email.of("ada@example.com")).orElseThrow();
            tollgate.emailAddresses().verify(ada, code, RequestContext.NONE).orElseThrow();

            // log in, authenticate a request, refresh the session
            SessionTokens session = tollgate.sessions()
                    .login(Login.of(TenantId.DEFAULT, "ada", "analytical-Engine-1843"))
                    .orElseThrow();
            Principal principal = tollgate.sessions()
                    .authenticate(TenantId.DEFAULT, session.accessToken())
                    .orElseThrow();
            SessionTokens refreshed = tollgate.sessions()
                    .refresh(TenantId.DEFAULT, session.refreshToken(), RequestContext.NONE)
                    .orElseThrow();
            // end::quickstart[]
            return new Result(ada, principal, refreshed);
        }
    }
}
