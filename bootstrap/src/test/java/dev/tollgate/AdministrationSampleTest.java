package dev.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.admin.AuditQuery;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.tck.support.FastTestPasswordHasher;
import dev.tollgate.tck.support.SeededRandomSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's administration sample is this one, and does what it says. */
class AdministrationSampleTest {

    @Test
    void theSample_findsSuspendsCreditsGrantsAndCreatesATenant() {
        RecordingMailer mailer = new RecordingMailer();
        try (Tollgate tollgate = Tollgate.builder().inMemory().mailer(mailer)
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(11))).build()) {
            AdministrationSample.Result result = AdministrationSample.run(tollgate, mailer);

            assertThat(result.page().items()).extracting(row -> row.user().username().value()).containsExactly("ada");
            Actor system = Actor.system();
            var details = tollgate.administration().details(system, result.user()).orElseThrow();
            assertThat(details.user().status()).isEqualTo(AccountStatus.SUSPENDED);
            assertThat(details.subscription().meters().get("credits").topUpLeft()).isEqualTo(25);
            assertThat(details.staffRole()).contains("support");
            assertThat(tollgate.tenants().find(system, TenantId.of("acme")).orElseThrow().name()).isEqualTo("Acme");
            AuditQuery suspensions = new AuditQuery(TenantId.DEFAULT, result.user().id(), null,
                    Set.of(AuditType.ACCOUNT_SUSPENDED), null, null, null);
            assertThat(tollgate.auditSearch().search(system, suspensions, PageRequest.first()).orElseThrow().items())
                    .singleElement().satisfies(entry -> {
                        assertThat(entry.actor()).isPresent().isNotEqualTo(Optional.of(result.user().id()));
                        assertThat(entry.details()).containsEntry("reason", "chargeback");
                    });
        }
    }

    @Test
    void theReadme_showsExactlyTheSampleThatRuns() throws IOException {
        List<String> source = Files.readAllLines(Path.of("src/test/java/dev/tollgate/AdministrationSample.java"));
        int start = source.indexOf("        // tag::administration[]") + 1;
        int end = source.indexOf("        // end::administration[]");
        String sample = source.subList(start, end).stream().map(line -> line.isBlank() ? "" : line.substring(8))
                .collect(Collectors.joining("\n"));

        assertThat(Files.readString(Path.of("..", "README.md"))).contains("```java\n" + sample + "\n```");
    }
}
