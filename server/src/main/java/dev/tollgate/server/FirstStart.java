package dev.tollgate.server;

import dev.tollgate.Tollgate;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.staff.FirstRun;
import dev.tollgate.port.api.staff.NewStaff;
import dev.tollgate.port.api.staff.StaffMember;
import dev.tollgate.port.api.tenant.TenantView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server does once its store is open and before it serves: the default tenant is
 * created if missing, and when no super admin exists yet, one is created from
 * {@code TOLLGATE_ADMIN_EMAIL} and {@code TOLLGATE_ADMIN_PASSWORD}, or else a one-time setup
 * token is issued, written to the log and to the file {@value #TOKEN_FILE} in the data directory
 * (owner-only where the file system is POSIX). The file is deleted as soon as a super admin
 * exists: by the setup call itself ({@link #deletingTokenFile}), or at the next start.
 */
final class FirstStart {

    /** The name of the setup token's file in the data directory. */
    static final String TOKEN_FILE = "setup-token";

    private static final Logger LOG = LoggerFactory.getLogger(FirstStart.class);
    /** How long a start waits for another process's first super admin to be granted its role. */
    static final Duration PROMOTION_WAIT = Duration.ofSeconds(30);
    private static final long PROMOTION_POLL_MILLIS = 50;

    private FirstStart() {
    }

    /**
     * Prepares the store for serving.
     *
     * @throws ConfigurationException when the configured super admin is refused (a rejected password, a bad address)
     */
    static void prepare(Tollgate tollgate, ServerConfiguration config) {
        prepare(tollgate, config, PROMOTION_WAIT);
    }

    /**
     * Prepares the store for serving; a start that finds the configured admin's name or address
     * taken waits at most {@code promotionWait} for a super admin to exist (another process
     * starting at the same moment registered the account and is about to grant it the role).
     */
    static void prepare(Tollgate tollgate, ServerConfiguration config, Duration promotionWait) {
        ensureTenant(tollgate, config.tenant());
        Path tokenFile = tokenFile(config);
        FirstRun firstRun = tollgate.firstRun();
        if (firstRun.superAdminExists()) {
            deleteTokenFile(tokenFile);
            return;
        }
        if (config.firstAdmin().isPresent()) {
            ServerConfiguration.FirstAdmin admin = config.firstAdmin().get();
            Outcome<StaffMember> created = tollgate.staff().create(Actor.system(), new NewStaff(config.tenant(),
                    admin.username(), admin.email(), admin.password(),
                    config.settings().staff().highest().name()), "first start: TOLLGATE_ADMIN_EMAIL",
                    RequestContext.NONE);
            if (!created.isDone() && (firstRun.superAdminExists()
                    || taken(created.problem()) && awaitSuperAdmin(firstRun, promotionWait))) {
                // another process on this database, starting at the same moment, made the first super admin
                deleteTokenFile(tokenFile);
                LOG.info("a super admin was created by another process meanwhile; TOLLGATE_ADMIN_EMAIL is not used");
                return;
            }
            if (!created.isDone()) {
                throw new ConfigurationException("TOLLGATE_ADMIN_PASSWORD: the super admin " + admin.username()
                        + " <" + admin.email() + "> was refused: " + describe(created.problem()));
            }
            StaffMember member = created.orElseThrow();
            deleteTokenFile(tokenFile);
            LOG.info("created the super admin {} <{}> of tenant {} from TOLLGATE_ADMIN_EMAIL; the operator vouches "
                    + "for its address", member.username().value(), member.email().value(), member.user().tenant().value());
            return;
        }
        Optional<FirstRun.SetupToken> issued = firstRun.issueToken();
        if (issued.isEmpty()) {
            deleteTokenFile(tokenFile);
            return;
        }
        FirstRun.SetupToken token = issued.get();
        writeTokenFile(tokenFile, token);
        LOG.warn("no super admin yet: create the first one with POST /v1/admin/setup {{\"token\": \"{}\", \"username\": ..., "
                + "\"email\": ..., \"password\": ...}} before {} (single use, this process only; also in {}), or restart "
                + "with TOLLGATE_ADMIN_EMAIL and TOLLGATE_ADMIN_PASSWORD", token.token(), token.expiresAt(),
                tokenFile.toAbsolutePath());
    }

    /** Whether a refusal says the account's name or address is in use already. */
    private static boolean taken(Problem problem) {
        return problem.code() == ErrorCode.USERNAME_TAKEN || problem.code() == ErrorCode.EMAIL_TAKEN;
    }

    /**
     * Waits until a super admin exists, at most {@code wait}: the account is registered before it
     * is granted its role, so a process that lost the race to register it sees the name taken
     * a moment before it sees the super admin.
     */
    private static boolean awaitSuperAdmin(FirstRun firstRun, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(PROMOTION_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (firstRun.superAdminExists()) {
                return true;
            }
        }
        return false;
    }

    /** The setup token's file: in the data directory, whatever the store (PostgreSQL and memory too). */
    static Path tokenFile(ServerConfiguration config) {
        return config.dataDirectory().resolve(TOKEN_FILE);
    }

    /** {@code firstRun}, deleting the token file when a setup call succeeds. */
    static FirstRun deletingTokenFile(FirstRun firstRun, Path tokenFile) {
        return new FirstRun() {
            @Override
            public boolean superAdminExists() {
                return firstRun.superAdminExists();
            }

            @Override
            public Optional<SetupToken> issueToken() {
                return firstRun.issueToken();
            }

            @Override
            public Outcome<StaffMember> complete(String token, NewStaff superAdmin, RequestContext context) {
                Outcome<StaffMember> completed = firstRun.complete(token, superAdmin, context);
                if (completed.isDone()) {
                    deleteTokenFile(tokenFile);
                    LOG.info("the first super admin {} was created with the setup token; {} deleted",
                            completed.orElseThrow().username().value(), tokenFile.toAbsolutePath());
                }
                return completed;
            }
        };
    }

    private static void ensureTenant(Tollgate tollgate, TenantId tenant) {
        Outcome<TenantView> found = tollgate.tenants().find(Actor.system(), tenant);
        if (found.isDone()) {
            return;
        }
        if (found.problem().code() != ErrorCode.TENANT_NOT_FOUND) {
            throw new IllegalStateException("TOLLGATE_TENANT: cannot look up tenant " + tenant.value() + ": "
                    + describe(found.problem()));
        }
        Outcome<TenantView> created = tollgate.tenants().create(Actor.system(), tenant, tenant.value(),
                RequestContext.NONE);
        if (created.isDone()) {
            LOG.info("created the tenant {} (TOLLGATE_TENANT)", tenant.value());
        } else if (created.problem().code() != ErrorCode.TENANT_TAKEN) {
            throw new ConfigurationException("TOLLGATE_TENANT: the tenant " + tenant.value() + " cannot be created: "
                    + describe(created.problem()));
        }
    }

    private static void writeTokenFile(Path file, FirstRun.SetupToken token) {
        String content = token.token() + "\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, content, StandardCharsets.UTF_8, posix
                    ? new StandardOpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING}
                    : new StandardOpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE});
        } catch (FileAlreadyExistsException e) {
            throw new ServerStartException("cannot write the setup token to " + file.toAbsolutePath()
                    + ": another process wrote it at the same time", e);
        } catch (IOException e) {
            throw new ServerStartException("cannot write the setup token to " + file.toAbsolutePath() + " (TOLLGATE_DATA_DIR): "
                    + e.getMessage(), e);
        }
    }

    private static void deleteTokenFile(Path file) {
        try {
            if (Files.deleteIfExists(file)) {
                LOG.info("a super admin exists: deleted the setup token file {}", file.toAbsolutePath());
            }
        } catch (IOException e) {
            LOG.warn("a super admin exists, but the setup token file {} cannot be deleted: {}; delete it",
                    file.toAbsolutePath(), e.getMessage());
        }
    }

    /** A refusal as one line: its code and its sentence, with the fields of a validation failure. */
    static String describe(Problem problem) {
        String line = problem.code().name() + ": " + problem.detail();
        if (problem instanceof Problem.InvalidInput invalid) {
            line += " (" + invalid.errors().stream().map(error -> error.field() + ": " + error.message())
                    .collect(Collectors.joining("; ")) + ")";
        }
        return line;
    }
}
