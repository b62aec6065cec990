package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tollgate.Tollgate;
import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.staff.FirstRun;
import dev.tollgate.port.api.staff.NewStaff;
import dev.tollgate.port.api.staff.StaffMember;
import dev.tollgate.port.settings.StaffSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What the server does at start before it serves: the default tenant, and the first super admin. */
class FirstStartTest {

    private static final String PASSWORD = "Difference-Engine-1822-never-logged";

    @TempDir
    Path directory;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(FirstStart.class);

    @BeforeEach
    void captureTheLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseTheLog() {
        logger.detachAppender(log);
    }

    @Test
    void withTheAdminInTheEnvironment_theFirstStartCreatesTheSuperAdmin_andTheSecondCreatesNoOther() {
        ServerConfiguration config = ServerConfiguration.read(adminEnvironment(), Map.of());

        try (RunningServer server = ServerLauncher.start(config, new RecordingMailer())) {
            assertThat(server.port()).isPositive();
        }
        assertThat(superAdmins(config)).singleElement().satisfies(admin -> {
            assertThat(admin.username().value()).isEqualTo("admin");
            assertThat(admin.email().value()).isEqualTo("root@example.com");
            assertThat(admin.grantedBy()).isEmpty();
        });
        assertThat(messages()).filteredOn(line -> line.startsWith("created the super admin")).singleElement()
                .asString().contains("admin <root@example.com>", "the operator vouches");
        log.list.clear();

        try (RunningServer again = ServerLauncher.start(config, new RecordingMailer())) {
            assertThat(again.port()).isPositive();
        }
        assertThat(superAdmins(config)).hasSize(1);
        assertThat(messages()).noneMatch(line -> line.startsWith("created the super admin"));
        assertThat(FirstStart.tokenFile(config)).doesNotExist();
        assertThat(log.list).noneMatch(event -> event.getFormattedMessage().contains(PASSWORD));
    }

    @Test
    void withNoAdminSet_aSetupTokenIsWrittenToTheLogAndAnOwnerOnlyFile_andCreatesTheSuperAdmin_onceOnly()
            throws IOException {
        ServerConfiguration config = ServerConfiguration.read(environment(), Map.of());
        Path tokenFile = FirstStart.tokenFile(config);

        try (Tollgate tollgate = ServerLauncher.tollgate(config, new RecordingMailer(), new SimpleMeterRegistry())) {
            FirstStart.prepare(tollgate, config);

            String token = Files.readString(tokenFile).strip();
            assertThat(token).isNotBlank();
            assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            ILoggingEvent warning = log.list.stream().filter(event -> event.getLevel() == Level.WARN).findFirst()
                    .orElseThrow();
            assertThat(warning.getFormattedMessage()).contains(token, "POST /v1/admin/setup",
                    tokenFile.toAbsolutePath().toString());
            assertThat(log.list).filteredOn(event -> event.getLevel() == Level.WARN).hasSize(1);

            FirstRun setup = FirstStart.deletingTokenFile(tollgate.firstRun(), tokenFile);
            StaffMember created = setup.complete(token, new NewStaff(TenantId.DEFAULT, "root", "root@example.com",
                    PASSWORD, StaffSettings.SUPER_ADMIN), RequestContext.NONE).orElseThrow();

            assertThat(created.role()).isEqualTo(StaffSettings.SUPER_ADMIN);
            assertThat(tokenFile).as("deleted once a super admin exists").doesNotExist();
            assertThat(setup.complete(token, new NewStaff(TenantId.DEFAULT, "other", "other@example.com", PASSWORD,
                    StaffSettings.SUPER_ADMIN), RequestContext.NONE).problem().code())
                    .isIn(ErrorCode.INVALID_TOKEN, ErrorCode.SETUP_UNAVAILABLE);
        }
        log.list.clear();

        try (RunningServer again = ServerLauncher.start(config, new RecordingMailer())) {
            assertThat(again.port()).isPositive();
        }
        assertThat(tokenFile).doesNotExist();
        assertThat(log.list).noneMatch(event -> event.getLevel() == Level.WARN);
        assertThat(superAdmins(config)).extracting(admin -> admin.username().value()).containsExactly("root");
    }

    @Test
    void theSetupToken_createsTheSuperAdminOverHttp_andTheServerDeletesItsFile() throws Exception {
        ServerConfiguration config = ServerConfiguration.read(environment(), Map.of());
        Path tokenFile = FirstStart.tokenFile(config);
        HttpClient http = HttpClient.newHttpClient();

        try (RunningServer server = ServerLauncher.start(config, new RecordingMailer())) {
            String token = Files.readString(tokenFile).strip();
            HttpResponse<String> setup = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/v1/admin/setup"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\": \"" + token + "\", \"username\": \"root\", "
                            + "\"email\": \"root@example.com\", \"password\": \"" + PASSWORD + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(setup.statusCode()).as(setup.body()).isEqualTo(201);
            assertThat(setup.body()).contains("super_admin").doesNotContain(PASSWORD);
            assertThat(tokenFile).as("deleted by the successful setup").doesNotExist();
        }
        assertThat(superAdmins(config)).extracting(admin -> admin.username().value()).containsExactly("root");
    }

    @Test
    void aSetupTokenFileLeftFromAnEarlierStart_isDeleted_whenASuperAdminExists() throws IOException {
        ServerConfiguration config = ServerConfiguration.read(adminEnvironment(), Map.of());
        Files.createDirectories(FirstStart.tokenFile(config).getParent());
        Files.writeString(FirstStart.tokenFile(config), "an-old-token\n");

        try (RunningServer server = ServerLauncher.start(config, new RecordingMailer())) {
            assertThat(server.port()).isPositive();
        }

        assertThat(FirstStart.tokenFile(config)).doesNotExist();
    }

    @Test
    void aRejectedAdminPassword_stopsStartUp_withStatusTwo_namingTheSetting_neverThePassword() {
        Map<String, String> environment = environment();
        environment.put("TOLLGATE_ADMIN_EMAIL", "root@example.com");
        environment.put("TOLLGATE_ADMIN_PASSWORD", "Xq7!");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = TollgateServer.run(new String[0], environment, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .startsWith("configuration error: TOLLGATE_ADMIN_PASSWORD: the super admin admin <root@example.com> "
                        + "was refused: PASSWORD_REJECTED")
                .doesNotContain("Xq7!");
    }

    @Test
    void theConfiguredTenant_isCreatedAtStart_whenMissing_andKeptWhenItExists() {
        Map<String, String> environment = environment();
        environment.put("TOLLGATE_TENANT", "acme");
        ServerConfiguration config = ServerConfiguration.read(environment, Map.of());

        for (int start = 0; start < 2; start++) {
            try (RunningServer server = ServerLauncher.start(config, new RecordingMailer())) {
                assertThat(server.port()).isPositive();
            }
        }

        try (Tollgate tollgate = ServerLauncher.tollgate(config)) {
            assertThat(tollgate.tenants().find(Actor.system(), TenantId.of("acme")).orElseThrow().name())
                    .isEqualTo("acme");
        }
        assertThat(messages()).filteredOn(line -> line.startsWith("created the tenant acme")).hasSize(1);
    }

    @Test
    void startsRacingOnOneStore_makeOneSuperAdmin_andNoneOfThemStops() throws Exception {
        ServerConfiguration config = ServerConfiguration.read(adminEnvironment(), Map.of());
        int starts = 4;

        try (Tollgate tollgate = ServerLauncher.tollgate(config, new RecordingMailer(), new SimpleMeterRegistry())) {
            ExecutorService pool = Executors.newFixedThreadPool(starts);
            try {
                CountDownLatch ready = new CountDownLatch(starts);
                List<Future<?>> prepared = new ArrayList<>();
                for (int i = 0; i < starts; i++) {
                    prepared.add(pool.submit(() -> {
                        ready.countDown();
                        ready.await();
                        FirstStart.prepare(tollgate, config);
                        return null;
                    }));
                }
                for (Future<?> each : prepared) {
                    each.get(2, TimeUnit.MINUTES); // a start that lost the race and gave up fails here
                }
            } finally {
                pool.shutdownNow();
            }
        }

        assertThat(superAdmins(config)).singleElement()
                .satisfies(admin -> assertThat(admin.email().value()).isEqualTo("root@example.com"));
    }

    @Test
    void anAccountOfTheAdminsNameThatIsNoSuperAdmin_stillStopsStartUp_afterTheWait() {
        ServerConfiguration config = ServerConfiguration.read(adminEnvironment(), Map.of());

        try (Tollgate tollgate = ServerLauncher.tollgate(config, new RecordingMailer(), new SimpleMeterRegistry())) {
            FirstStart.prepare(tollgate, ServerConfiguration.read(environment(), Map.of()));
            assertThat(tollgate.registration().register(Registration.of(config.tenant(), "admin", "someone@example.com",
                    PASSWORD)).isDone()).isTrue();

            assertThatThrownBy(() -> FirstStart.prepare(tollgate, config, Duration.ofMillis(200)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("USERNAME_TAKEN")
                    .hasMessageNotContaining(PASSWORD);
        }
        assertThat(superAdmins(config)).isEmpty();
    }

    private List<StaffMember> superAdmins(ServerConfiguration config) {
        try (Tollgate tollgate = ServerLauncher.tollgate(config)) {
            return tollgate.staff().list(Actor.system(), config.tenant(), PageRequest.first(PageRequest.MAX_LIMIT))
                    .orElseThrow().items().stream().filter(member -> member.role().equals(StaffSettings.SUPER_ADMIN))
                    .toList();
        }
    }

    private List<String> messages() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The environment with the first-start super admin set. */
    private Map<String, String> adminEnvironment() {
        Map<String, String> environment = environment();
        environment.put("TOLLGATE_ADMIN_EMAIL", "root@example.com");
        environment.put("TOLLGATE_ADMIN_PASSWORD", PASSWORD);
        return environment;
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("TOLLGATE_HTTP_PORT", "0");
        environment.put("TOLLGATE_DATA_DIR", directory.resolve("data").toString());
        return environment;
    }
}
