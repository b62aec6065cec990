package dev.tollgate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.tollgate.port.Email;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.registration.Registration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The README's sample test of an application (section "Testing your application") is this one, and passes. */
class ReadmeSampleTest {

    private static final Path SOURCE = Path.of("src/test/java/dev/tollgate/testing/ReadmeSampleTest.java");

    @Test
    void theSample_passes() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(SignUpTest.class)).execute().testEvents()
                .assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void theReadme_showsExactlyTheSample() throws IOException {
        List<String> lines = Files.readAllLines(SOURCE);
        int start = lines.indexOf("    // tag::sample[]") + 1;
        int end = lines.indexOf("    // end::sample[]");
        String sample = lines.subList(start, end).stream().map(line -> line.isBlank() ? "" : line.substring(4))
                .collect(Collectors.joining("\n")).replace("static class SignUpTest", "class SignUpTest");

        assertThat(start).isPositive();
        assertThat(Files.readString(Path.of("..", "README.md"))).contains(sample);
    }

    // tag::sample[]
    static class SignUpTest {

        @RegisterExtension
        final TollgateExtension testing = TollgateExtension.postgres(); // or sqlite(), inMemory()

        @Test
        void aVerificationCodeExpires_after24Hours() {
            UserRef ada = testing.tollgate().registration()
                    .register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", "analytical-Engine-1843"))
                    .orElseThrow().user().ref();
            String code = testing.mailer().lastCodeFor(Email.of("ada@example.com")).orElseThrow();

            testing.clock().advance(Duration.ofHours(25));

            Outcome<?> late = testing.tollgate().emailAddresses().verify(ada, code, RequestContext.NONE);
            assertThat(late.problem().code()).isEqualTo(ErrorCode.OTP_EXPIRED);
        }
    }
    // end::sample[]
}
