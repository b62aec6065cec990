package com.example.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.Tollgate;
import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.port.Email;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.api.session.SessionTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An application that depends on {@code dev.tollgate:tollgate} alone, as the README tells an
 * embedder to: what it finds on its real runtime classpath (asked of the class loader, not of
 * Maven), and that Tollgate works there. Logging and HTTP are the application's choice: Tollgate
 * brings the SLF4J API and nothing that configures or serves.
 */
class EmbedderClasspathTest {

    @ParameterizedTest(name = "no logging backend: {0}")
    @ValueSource(strings = {
            "ch.qos.logback.classic.Logger", "ch.qos.logback.core.Appender",
            "org.slf4j.simple.SimpleLogger", "org.slf4j.jul.JDK14LoggerAdapter", "org.slf4j.impl.StaticLoggerBinder",
            "org.apache.logging.log4j.core.LoggerContext", "org.apache.logging.slf4j.SLF4JServiceProvider",
            "net.logstash.logback.encoder.LogstashEncoder",
            // would take over the application's System.Logger
            "org.slf4j.jdk.platform.logging.SLF4JSystemLoggerFinder"})
    void noLoggingBackend(String className) {
        assertThat(present(className)).as(className).isFalse();
    }

    @ParameterizedTest(name = "no logging configuration at the root: {0}")
    @ValueSource(strings = {"logback.xml", "logback-test.xml", "log4j2.xml", "simplelogger.properties"})
    void noLoggingConfiguration(String resource) {
        assertThat(loader().getResource(resource)).as(resource).isNull();
    }

    @ParameterizedTest(name = "no HTTP server: {0}")
    @ValueSource(strings = {
            "io.javalin.Javalin", "org.eclipse.jetty.server.Server", "org.eclipse.jetty.util.component.LifeCycle",
            "jakarta.servlet.Servlet", "kotlin.Unit", "kotlin.KotlinVersion",
            "dev.tollgate.adapter.http.HttpApi", "dev.tollgate.server.TollgateServer",
            "io.micrometer.prometheusmetrics.PrometheusMeterRegistry", "picocli.CommandLine"})
    void noHttpServer(String className) {
        assertThat(present(className)).as(className).isFalse();
    }

    @Test
    void noSwaggerUi() {
        assertThat(loader().getResource("META-INF/maven/org.webjars/swagger-ui/pom.properties")).isNull();
        assertThat(loader().getResource("META-INF/resources/webjars/swagger-ui")).isNull();
    }

    @ParameterizedTest(name = "no test library: {0}")
    @ValueSource(strings = {"org.testcontainers.DockerClientFactory", "io.zonky.test.db.postgres.embedded.EmbeddedPostgres",
            "dev.tollgate.testing.TollgateTesting", "dev.tollgate.tck.support.MutableClock"})
    void noTestLibrary(String className) {
        assertThat(present(className)).as(className).isFalse();
    }

    @Test
    void theSlf4jApi_isThere_andSystemLoggerIsLeftToThePlatform() {
        assertThat(present("dev.tollgate.Tollgate")).as("the check sees the classpath").isTrue();
        assertThat(present("org.slf4j.LoggerFactory")).isTrue();
        assertThat(System.getLogger("com.example").getClass().getName()).doesNotContain("slf4j");
    }

    @Test
    void tollgate_registersAndLogsIn_onTheMemoryStore() {
        RecordingMailer mailer = new RecordingMailer();
        try (Tollgate tollgate = Tollgate.builder().mailer(mailer).inMemory().build()) {
            UserRef ada = tollgate.registration()
                    .register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", "analytical-Engine-1843"))
                    .orElseThrow().user().ref();
            String code = mailer.lastCodeFor(Email.of("ada@example.com")).orElseThrow();
            tollgate.emailAddresses().verify(ada, code, RequestContext.NONE).orElseThrow();

            SessionTokens session = tollgate.sessions()
                    .login(Login.of(TenantId.DEFAULT, "ada", "analytical-Engine-1843")).orElseThrow();

            assertThat(tollgate.sessions().authenticate(TenantId.DEFAULT, session.accessToken()).orElseThrow().user())
                    .isEqualTo(ada);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, loader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static ClassLoader loader() {
        return EmbedderClasspathTest.class.getClassLoader();
    }
}
