package dev.tollgate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.tollgate.Tollgate;
import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.port.Email;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.settings.PasswordPolicySettings;
import dev.tollgate.port.settings.TollgateSettings;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.tck.support.MutableClock;
import dev.tollgate.testing.postgres.PostgresTestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs small test classes that use the extension (the nested classes below, which Surefire does
 * not run by themselves) through the JUnit engine, then checks what they were given and what was
 * left behind.
 */
class TollgateExtensionTest {

    private static final String PASSWORD = "analytical-Engine-1843";
    private static final Pattern DATABASE_NAME = Pattern.compile("jdbc:postgresql://[^/]*/([a-z0-9_]+).*");

    /** The JDBC URL of each database a nested test ran on, in order. */
    private static final List<String> URLS = new CopyOnWriteArrayList<>();

    @BeforeEach
    void forget() {
        URLS.clear();
    }

    @Test
    void anInstanceField_givesEachTestAFreshSqliteFile_deletedAfterIt() {
        runAndExpectSuccess(FreshSqlitePerTest.class, 2);

        assertThat(URLS).hasSize(2).doesNotHaveDuplicates();
        for (String url : URLS) {
            assertThat(Path.of(url.substring("jdbc:sqlite:".length())).getParent()).doesNotExist();
        }
    }

    @Test
    void anInstanceField_givesEachTestAFreshPostgresDatabase_droppedAfterIt() {
        runAndExpectSuccess(FreshPostgresPerTest.class, 2);

        assertThat(URLS).hasSize(2).doesNotHaveDuplicates();
        URLS.forEach(url -> assertThat(postgresDatabaseExists(url)).as(url).isFalse());
    }

    @Test
    void aStaticField_sharesOneDatabaseAcrossTheClass_droppedAfterIt() {
        runAndExpectSuccess(OnePostgresPerClass.class, 2);

        assertThat(URLS).hasSize(2).containsOnly(URLS.get(0));
        assertThat(postgresDatabaseExists(URLS.get(0))).isFalse();
    }

    @Test
    void testsMayTakeWhatTheExtensionGives_asParameters_onInMemoryStores() {
        runAndExpectSuccess(ParametersInMemory.class, 1);
    }

    @Test
    void theCustomizer_appliesToEachTollgate() {
        runAndExpectSuccess(Customized.class, 1);
    }

    private static void runAndExpectSuccess(Class<?> testClass, int tests) {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents()
                .assertStatistics(stats -> stats.started(tests).succeeded(tests).failed(0));
    }

    private static boolean postgresDatabaseExists(String url) {
        Matcher name = DATABASE_NAME.matcher(url);
        assertThat(name.matches()).as(url).isTrue();
        try (Connection connection = PostgresTestServer.instance().connect("postgres");
                PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name.group(1));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Registers, verifies and logs in "ada": works only on a store where she is not yet. */
    private static void signUpAda(TollgateExtension extension) {
        Tollgate tollgate = extension.tollgate();
        UserRef ada = tollgate.registration()
                .register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", PASSWORD)).orElseThrow().user().ref();
        String code = extension.mailer().lastCodeFor(Email.of("ada@example.com")).orElseThrow();
        tollgate.emailAddresses().verify(ada, code, RequestContext.NONE).orElseThrow();
        tollgate.sessions().login(Login.of(TenantId.DEFAULT, "ada", PASSWORD)).orElseThrow();
    }

    /** Two tests that each sign up "ada" and note their database: each must have a store of its own. */
    abstract static class FreshStorePerTest {
        abstract TollgateExtension extension();

        @Test
        void first() {
            signUpAda(extension());
            URLS.add(extension().database().orElseThrow().jdbcUrl());
        }

        @Test
        void second() {
            first();
        }
    }

    static class FreshSqlitePerTest extends FreshStorePerTest {
        @RegisterExtension
        final TollgateExtension extension = TollgateExtension.sqlite();

        @Override
        TollgateExtension extension() {
            return extension;
        }
    }

    static class FreshPostgresPerTest extends FreshStorePerTest {
        @RegisterExtension
        final TollgateExtension extension = TollgateExtension.postgres();

        @Override
        TollgateExtension extension() {
            return extension;
        }
    }

    static class OnePostgresPerClass {
        @RegisterExtension
        static final TollgateExtension EXTENSION = TollgateExtension.postgres();

        @Test
        void one() {
            EXTENSION.tollgate().registration()
                    .register(Registration.of(TenantId.DEFAULT, "user" + URLS.size(), "user" + URLS.size() + "@example.com",
                            PASSWORD)).orElseThrow();
            URLS.add(EXTENSION.database().orElseThrow().jdbcUrl());
        }

        @Test
        void two() {
            one();
        }
    }

    static class ParametersInMemory {
        @RegisterExtension
        final TollgateExtension extension = TollgateExtension.inMemory();

        @Test
        void everythingTheExtensionGives(Tollgate tollgate, TollgateTesting testing, Stores stores, MutableClock clock,
                RecordingMailer mailer) {
            assertThat(extension.database()).isEmpty();
            assertThat(tollgate).isSameAs(extension.tollgate()).isSameAs(testing.tollgate());
            assertThat(clock).isSameAs(testing.clock());
            assertThat(mailer).isSameAs(testing.mailer());
            UserRef ada = tollgate.registration()
                    .register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", PASSWORD)).orElseThrow()
                    .user().ref();
            assertThat(stores.users().findById(ada)).isPresent();
            assertThat(mailer.lastCodeFor(Email.of("ada@example.com"))).isPresent();
            assertThat(clock.advance(Duration.ofDays(1))).isEqualTo(clock.instant());
        }
    }

    static class Customized {
        @RegisterExtension
        final TollgateExtension extension = TollgateExtension.inMemory().customized(builder -> builder.settings(
                TollgateSettings.defaults().withPasswordPolicy(PasswordPolicySettings.DEFAULTS.withMinLength(30))));

        @Test
        void theSettingsAreInForce() {
            assertThat(extension.tollgate().registration()
                    .register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", PASSWORD)).isDone())
                    .as("a password shorter than 30 is refused").isFalse();
        }
    }
}
