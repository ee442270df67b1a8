package org.tomsprov.persistence.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * The PostgreSQL that serves when no external database is configured: the real server binaries, run by this
 * process over a directory that survives restarts, set up the way a production database is.
 *
 * <ul>
 *   <li><b>Durable.</b> {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} are on: a commit that
 *       returned is on disk. Only the test suite may pass other settings.</li>
 *   <li><b>Private.</b> The directory is {@code 0700}; the server listens on loopback only, without a Unix socket;
 *       every login needs a password (SCRAM), and the superuser cannot log in over the network at all. Two roles
 *       are created at first start with generated passwords, kept {@code 0600} in the directory: {@value #OWNER}
 *       owns the schema and runs the migrations, {@value #APP} reads and writes rows and nothing more.</li>
 *   <li><b>Supervised.</b> When the server dies, it is started again over the same files and port (PostgreSQL's
 *       crash recovery replays the log), until it answers. A server left running by a process that was killed is
 *       found through {@code postmaster.pid} and shut down before this one starts.</li>
 *   <li><b>One owner.</b> A lock file in the directory names the process that uses it; a second one is refused
 *       with that process's id.</li>
 * </ul>
 *
 * <p>Why one long class: setup, start, supervision and stop share one piece of state, the server process and its
 * directory, and each step's rules (who may log in, which settings, when to restart) read best beside the others.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "toms";
    public static final String OWNER = "toms_owner";
    public static final String APP = "toms_app";
    private static final String SUPERUSER = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final List<String> UTF8_LOCALES = List.of("C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** The settings a real database runs with; the test suite alone may override them. */
    private static final Map<String, String> DURABLE = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on");

    private static volatile EmbeddedDatabase applicationDatabase;

    private final Path home;
    private final Path cluster;
    private final Path bin;
    private final Path log;
    private final Map<String, String> settings;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private Credentials credentials;
    private int port;
    private volatile Process postmaster;
    private volatile boolean stopping;
    private volatile boolean closed;

    /** The passwords of the two roles, generated at first start. */
    public record Credentials(String ownerPassword, String appPassword) {
        @Override
        public String toString() {
            return "Credentials[hidden]";
        }
    }

    private EmbeddedDatabase(Path home, Map<String, String> overrides) {
        this.home = home.toAbsolutePath().normalize();
        this.cluster = this.home.resolve("cluster");
        this.log = this.home.resolve("postgres.log");
        Map<String, String> all = new LinkedHashMap<>(DURABLE);
        all.put("max_connections", "200");
        all.put("timezone", "UTC");
        all.put("password_encryption", "scram-sha-256");
        all.put("listen_addresses", "127.0.0.1");
        all.put("unix_socket_directories", "");
        // Room for a large upload's commit: fewer checkpoints (and full-page images after each) while it writes, and
        // the images it does write compressed. None of these trades durability.
        all.put("max_wal_size", "4GB");
        all.put("wal_compression", "on");
        all.putAll(overrides);
        this.settings = Map.copyOf(all);
        createPrivateDirectory(this.home);
        try {
            this.lockChannel = FileChannel.open(this.home.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("cannot open the lock file in " + this.home + ": " + e.getMessage(), e);
        }
        this.lock = acquireLock();
        long unpacking = System.nanoTime();
        this.bin = PostgresBinaries.unpack(Path.of(System.getProperty("embedded-postgres.binaries",
                this.home.resolve("binaries").toString())));
        this.binariesMillis = (System.nanoTime() - unpacking) / 1_000_000;
    }

    /** How long finding (or unpacking) the server binaries took, for the start-up line. */
    private final long binariesMillis;

    /** Starts the database in {@code home} (created on first use) with the durable settings. */
    public static EmbeddedDatabase start(Path home) {
        return start(home, Map.of());
    }

    /**
     * Starts the database in {@code home} with server settings that override the defaults. Only the test suite
     * passes any: outside it, a database runs with the durable settings.
     */
    public static EmbeddedDatabase start(Path home, Map<String, String> overrides) {
        EmbeddedDatabase database = new EmbeddedDatabase(home, overrides);
        try {
            long started = System.nanoTime();
            database.stopOrphan();
            database.credentials = database.ensureCluster();
            long cluster = System.nanoTime();
            database.port = freePort();
            database.launch();
            long ready = System.nanoTime();
            LOG.infof("embedded PostgreSQL ready: binaries %d ms, cluster check %d ms, server start %d ms",
                    database.binariesMillis, (cluster - started) / 1_000_000, (ready - cluster) / 1_000_000);
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Records the database the application started with, so that it is shut down after the application. */
    public static void ownedByApplication(EmbeddedDatabase database) {
        applicationDatabase = database;
    }

    public static Optional<EmbeddedDatabase> applicationDatabase() {
        return Optional.ofNullable(applicationDatabase);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String ownerPassword() {
        return credentials.ownerPassword();
    }

    public String appPassword() {
        return credentials.appPassword();
    }

    /**
     * What the service needs to use this database: request connections as {@value #APP}, migrations as
     * {@value #OWNER} (with the grants to {@value #APP} that the migrations' callback writes).
     */
    public Map<String, String> quarkusProperties() {
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.username", APP,
                "quarkus.datasource.password", appPassword(),
                "quarkus.flyway.jdbc-url", jdbcUrl(),
                "quarkus.flyway.username", OWNER,
                "quarkus.flyway.password", ownerPassword());
    }

    /** A connection as the schema's owner, for tools and tests. */
    public Connection connectAsOwner() throws SQLException {
        return connect(OWNER, ownerPassword());
    }

    /** The running server's process id, when it runs. */
    public Optional<Long> serverPid() {
        Process p = postmaster;
        return p != null && p.isAlive() ? Optional.of(p.pid()) : Optional.empty();
    }

    /** Where the server's own log goes. */
    public Path logFile() {
        return log;
    }

    /** The configuration the server runs with (setting name to value), as passed on its command line. */
    public Map<String, String> settings() {
        return settings;
    }

    // ------------------------------------------------------------------------------------------- lifecycle

    /** Stops the server on purpose (fast shutdown: open sessions end, committed work is on disk); no restart follows. */
    public synchronized void stop() {
        stopping = true;
        Process p = postmaster;
        if (p == null || !p.isAlive()) {
            return;
        }
        runQuietly(command("pg_ctl", "stop", "-D", cluster.toString(), "-m", "fast", "-w",
                "-t", String.valueOf(STOP_TIMEOUT.toSeconds())));
        try {
            if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("the embedded PostgreSQL did not stop in time; stopping it immediately");
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.debug("embedded PostgreSQL stopped");
    }

    /** Starts the server again after {@link #stop()}, over the same files and port. */
    public synchronized void startAgain() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        stopping = false;
        launch();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        try {
            if (lock != null) {
                lock.release();
            }
            lockChannel.close();
        } catch (IOException e) {
            LOG.debugf("releasing the lock of %s: %s", home, e.getMessage());
        }
    }

    private synchronized void launch() {
        List<String> args = new ArrayList<>(List.of("-D", cluster.toString(), "-p", String.valueOf(port)));
        settings.forEach((key, value) -> {
            args.add("-c");
            args.add(key + "=" + value);
        });
        ProcessBuilder builder = command("postgres", args.toArray(String[]::new));
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("cannot run the embedded PostgreSQL: " + e.getMessage(), e);
        }
        postmaster = process;
        awaitReady(process);
        process.onExit().thenRun(() -> exited(process));
    }

    /** The server process ended: unless it was stopped on purpose, start it again until it answers. */
    private void exited(Process process) {
        if (stopping || closed || process != postmaster) {
            return;
        }
        LOG.errorf("the embedded PostgreSQL stopped unexpectedly (exit code %d); restarting it (crash recovery)",
                process.exitValue());
        Thread restarter = new Thread(this::restartUntilUp, "embedded-postgres-restart");
        restarter.setDaemon(true);
        restarter.start();
    }

    private void restartUntilUp() {
        long started = System.nanoTime();
        long backoff = 200;
        while (!stopping && !closed) {
            try {
                synchronized (this) {
                    if (stopping || closed || (postmaster != null && postmaster.isAlive())) {
                        return;
                    }
                    launch();
                }
                LOG.infof("the embedded PostgreSQL is back after %d ms",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                return;
            } catch (RuntimeException e) {
                LOG.warnf("the embedded PostgreSQL did not come back yet (%s); trying again", e.getMessage());
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(backoff * 2, 5000);
        }
    }

    private void awaitReady(Process process) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new EmbeddedDatabaseException("the embedded PostgreSQL did not start: " + lastLogLine()
                        + " (its log is " + log + ")");
            }
            try (Connection c = connect(OWNER, credentials.ownerPassword())) {
                c.createStatement().execute("select 1");
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(20);
        }
        process.destroyForcibly();
        throw new EmbeddedDatabaseException("the embedded PostgreSQL did not answer within " + READY_TIMEOUT.toSeconds()
                + " s: " + (last == null ? "" : last.getMessage()) + " (its log is " + log + ")");
    }

    private Connection connect(String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "2");
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    // ------------------------------------------------------------------------------------------- first start

    /** The cluster's credentials: created with the cluster on first start, read afterwards. */
    private Credentials ensureCluster() {
        Path stored = home.resolve("credentials");
        Path pending = home.resolve("credentials.pending");
        boolean clusterExists = Files.exists(cluster.resolve("PG_VERSION"));
        if (Files.exists(stored)) {
            if (!clusterExists) {
                throw new EmbeddedDatabaseException("the database files in " + cluster + " are missing but "
                        + stored + " exists; restore them, or remove " + home + " to start with an empty database");
            }
            return readCredentials(stored);
        }
        if (clusterExists && !Files.exists(pending)) {
            throw new EmbeddedDatabaseException("the database in " + cluster + " has no credentials file (" + stored
                    + "); restore it, or remove " + home + " to start with an empty database");
        }
        try {
            PostgresBinaries.deleteTree(cluster);
            Credentials created = new Credentials(secret(), secret());
            writePrivate(pending, format(created));
            initialize(created);
            Files.move(pending, stored, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return created;
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("cannot create the embedded database in " + cluster + ": "
                    + e.getMessage(), e);
        }
    }

    private void initialize(Credentials created) throws IOException {
        LOG.infof("creating the embedded database in %s", cluster);
        Path superuserPassword = home.resolve("initdb-password");
        writePrivate(superuserPassword, secret());
        try {
            initdb(superuserPassword);
        } finally {
            Files.deleteIfExists(superuserPassword);
        }
        Files.writeString(cluster.resolve("pg_hba.conf"), """
                # Written by toms-provisioning. Loopback only, passwords only, and never the superuser.
                # TYPE  DATABASE  USER                 ADDRESS        METHOD
                host    all       %1$s                 127.0.0.1/32   reject
                host    %2$s      %3$s,%4$s            127.0.0.1/32   scram-sha-256
                """.formatted(SUPERUSER, DATABASE, OWNER, APP), StandardCharsets.UTF_8);
        singleUser("postgres", """
                CREATE ROLE %1$s LOGIN PASSWORD '%2$s'
                CREATE ROLE %3$s LOGIN PASSWORD '%4$s'
                CREATE DATABASE %5$s OWNER %1$s
                """.formatted(OWNER, created.ownerPassword(), APP, created.appPassword(), DATABASE));
        singleUser(DATABASE, """
                REVOKE ALL ON DATABASE %1$s FROM PUBLIC
                GRANT CONNECT ON DATABASE %1$s TO %3$s
                ALTER SCHEMA public OWNER TO %2$s
                REVOKE ALL ON SCHEMA public FROM PUBLIC
                GRANT USAGE ON SCHEMA public TO %3$s
                """.formatted(DATABASE, OWNER, APP));
    }

    /**
     * Creates the cluster with byte-order collation and a UTF-8 character classification, whatever the environment's
     * locale: {@code lower()} then folds every letter the way {@link org.tomsprov.domain.Email#key()} does (under the
     * C classification it would fold only ASCII, and the unique index on {@code lower(email)} would tell
     * {@code É} from {@code é}). The first UTF-8 locale the machine has is used; none at all is a clear error.
     */
    private void initdb(Path superuserPassword) throws IOException {
        for (String ctype : UTF8_LOCALES) {
            PostgresBinaries.deleteTree(cluster);
            ProcessBuilder initdb = command("initdb", "-D", cluster.toString(), "-U", SUPERUSER,
                    "--pwfile=" + superuserPassword, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C",
                    "--lc-ctype=" + ctype);
            if (attempt(initdb, "initdb")) {
                return;
            }
            if (!lastLogLine().contains("invalid locale name")) {
                throw new EmbeddedDatabaseException("initdb failed: " + lastLogLine() + " (log: " + log + ")");
            }
            LOG.debugf("no locale %s on this machine", ctype);
        }
        throw new EmbeddedDatabaseException("this machine has none of the UTF-8 locales " + UTF8_LOCALES
                + " the embedded database needs to compare email addresses without regard to case; install one"
                + " (Debian: package locales, or C.UTF-8 from libc)");
    }

    /**
     * Runs statements, one per line, in PostgreSQL's single-user mode: no server, no network, no login. Any error
     * fails the setup.
     */
    private void singleUser(String database, String statements) {
        ProcessBuilder builder = command("postgres", "--single", "-D", cluster.toString(), database);
        builder.redirectErrorStream(true);
        try {
            Process process = builder.start();
            try (var in = process.getOutputStream()) {
                in.write(statements.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Files.writeString(log, output, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || output.contains("ERROR:")) {
                process.destroyForcibly();
                throw new EmbeddedDatabaseException("setting up the embedded database failed: " + output.lines()
                        .filter(l -> l.contains("ERROR") || l.contains("FATAL")).findFirst().orElse("exit code "
                                + (process.isAlive() ? "none" : process.exitValue())));
            }
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("cannot run the embedded PostgreSQL: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedDatabaseException("interrupted while setting up the embedded database");
        }
    }

    // ------------------------------------------------------------------------------------------- ownership

    private FileLock acquireLock() {
        String holder = "";
        try {
            FileLock acquired = lockChannel.tryLock();
            if (acquired != null) {
                lockChannel.truncate(0);
                lockChannel.write(java.nio.ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid())
                        .getBytes(StandardCharsets.US_ASCII)), 0);
                lockChannel.force(true);
                return acquired;
            }
            holder = Files.readString(home.resolve("lock"), StandardCharsets.US_ASCII).trim();
        } catch (OverlappingFileLockException e) {
            holder = String.valueOf(ProcessHandle.current().pid());
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("cannot lock " + home + ": " + e.getMessage(), e);
        }
        try {
            lockChannel.close();
        } catch (IOException ignored) {
            // the refusal below says what matters
        }
        throw new EmbeddedDatabaseException("another instance is already running on " + home
                + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                + "; stop it first, or set TOMS_DATA_DIR to another directory");
    }

    /**
     * A server left behind by a process that was killed (we hold the lock, so no live instance owns it) is shut
     * down, so that this start succeeds on the first try.
     */
    private void stopOrphan() {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> orphan;
        try {
            String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
            orphan = ProcessHandle.of(Long.parseLong(first))
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return;
        }
        if (orphan.isEmpty()) {
            return;
        }
        LOG.warnf("a PostgreSQL left running on %s by an earlier process (pid %d) is being shut down",
                cluster, orphan.get().pid());
        runQuietly(command("pg_ctl", "stop", "-D", cluster.toString(), "-m", "fast", "-w",
                "-t", String.valueOf(STOP_TIMEOUT.toSeconds())));
        try {
            orphan.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            orphan.get().destroyForcibly();
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    /**
     * A command of the PostgreSQL installation. PostgreSQL refuses to run as root; as root on Linux it runs in a
     * user namespace of its own, where it is an ordinary user.
     */
    private ProcessBuilder command(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (RootNamespace.needed()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(bin.resolve("bin").resolve(program).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("LC_") || k.equals("LANG")
                || k.equals("LANGUAGE"));
        return builder;
    }

    private void run(ProcessBuilder builder, String what) {
        if (!attempt(builder, what)) {
            throw new EmbeddedDatabaseException(what + " failed: " + lastLogLine() + " (log: " + log + ")");
        }
    }

    /** Runs a program to its end, its output appended to the log: whether it succeeded. */
    private boolean attempt(ProcessBuilder builder, String what) {
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new EmbeddedDatabaseException(what + " did not finish within 120 s (log: " + log + ")");
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("cannot run " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedDatabaseException("interrupted while running " + what);
        }
    }

    private void runQuietly(ProcessBuilder builder) {
        try {
            run(builder, "pg_ctl");
        } catch (EmbeddedDatabaseException e) {
            LOG.debugf("pg_ctl: %s", e.getMessage());
        }
    }

    private String lastLogLine() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).contains("FATAL") || lines.get(i).contains("ERROR") || lines.get(i).contains("error")) {
                    return lines.get(i).trim();
                }
            }
            return lines.isEmpty() ? "(empty log)" : lines.get(lines.size() - 1).trim();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static Credentials readCredentials(Path file) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String owner = p.getProperty("owner.password");
        String app = p.getProperty("app.password");
        if (owner == null || app == null) {
            throw new EmbeddedDatabaseException(file + " lacks owner.password or app.password");
        }
        return new Credentials(owner, app);
    }

    private static String format(Credentials c) {
        return "# Generated at first start; the passwords of the embedded database's roles.\n"
                + "owner.password=" + c.ownerPassword() + "\napp.password=" + c.appPassword() + "\n";
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        if (supportsPosix(file.getParent())) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void createPrivateDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            if (supportsPosix(dir)) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedDatabaseException("interrupted while waiting for the embedded PostgreSQL");
        }
    }

    /** Whether PostgreSQL must run in a user namespace: this process is root, on Linux, and {@code unshare} works. */
    private static final class RootNamespace {
        private static final boolean NEEDED = detect();

        static boolean needed() {
            return NEEDED;
        }

        private static boolean detect() {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                    || !"root".equals(System.getProperty("user.name"))) {
                return false;
            }
            try {
                Process p = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true).start();
                return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
