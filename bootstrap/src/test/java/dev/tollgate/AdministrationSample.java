package dev.tollgate;

import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.port.Email;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.admin.UserQuery;
import dev.tollgate.port.api.admin.UserSummary;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.api.session.Principal;
import dev.tollgate.port.api.staff.Actor;

/** The README's administration sample (section "Staff, tenants and administration"), run by {@link AdministrationSampleTest}. */
final class AdministrationSample {

    record Result(Page<UserSummary> page, Tollgate tollgate, UserRef user) {
    }

    private AdministrationSample() {
    }

    static Result run(Tollgate tollgate, RecordingMailer mailer) {
        UserRef user = tollgate.registration()
                .register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", "analytical-Engine-1843"))
                .orElseThrow().user().ref();
        UserRef grace = tollgate.registration()
                .register(Registration.of(TenantId.DEFAULT, "grace", "grace@example.com", "compiler-Cobol-1959"))
                .orElseThrow().user().ref();
        String code = mailer.lastCodeFor(Email.of("grace@example.com")).orElseThrow();
        tollgate.emailAddresses().verify(grace, code, RequestContext.NONE).orElseThrow();
        tollgate.staff().grant(Actor.system(), grace, "admin", "the first admin", RequestContext.NONE).orElseThrow();
        String token = tollgate.sessions().login(Login.of(TenantId.DEFAULT, "grace", "compiler-Cobol-1959"))
                .orElseThrow().accessToken();
        Principal principal = tollgate.sessions().authenticate(TenantId.DEFAULT, token).orElseThrow();

        // tag::administration[]
        Actor admin = tollgate.staff().actorOf(principal).orElseThrow(); // PERMISSION_DENIED for non-staff
        Page<UserSummary> page = tollgate.administration()
                .search(admin, UserQuery.all(TenantId.DEFAULT).withText("ada"), PageRequest.first(50))
                .orElseThrow();
        // page.nextCursor() continues the list: PageRequest.first(50).after(cursor)
        tollgate.administration().suspend(admin, user, "chargeback", RequestContext.NONE).orElseThrow();
        tollgate.administration().adjustCredits(admin, user, "credits", 25, "goodwill", RequestContext.NONE);
        tollgate.staff().grant(Actor.system(), user, "support", "new hire", RequestContext.NONE);
        tollgate.tenants().create(Actor.system(), TenantId.of("acme"), "Acme", RequestContext.NONE);
        // end::administration[]
        return new Result(page, tollgate, user);
    }
}
