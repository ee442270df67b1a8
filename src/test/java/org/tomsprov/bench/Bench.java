package org.tomsprov.bench;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.tomsprov.boot.ClassArchiveTraining;
import org.tomsprov.app.startup.DemoKeys;
import org.tomsprov.persistence.embedded.EmbeddedDatabase;

/**
 * The benchmark: loads California-sized data, starts the packaged service against it, runs bounded load on
 * loopback and writes {@code bench/REPORT.md} with the medians and ranges of several runs. Run it with
 * {@code bench/run.sh}.
 */
public final class Bench {

    static final String ISSUER = "https://toms-provisioning.bench";
    static final String YEAR = "2026-27";
    /**
     * How long each scenario runs before it is measured. With 5 s, the first rounds of a fresh service were still
     * compiling (pulls: 3,484, 7,750, 10,577 req/s in rounds 1-3 of one run, /q/health flat beside them).
     */
    static final int WARM_UP_SECONDS = 15;

    /**
     * The pulls come first after a start, and the JIT takes about 30 s of that load on two cores to compile the
     * request path (pulls in the first three 10 s windows: about 2,500, 6,000 and 12,000 req/s, then steady): they
     * warm up over this many windows of 10 s, each one recorded and reported as the warm-up.
     */
    static final int PULL_WARM_UP_WINDOWS = 4;

    final Path dir;
    final int runs;
    final int seconds;
    final boolean small;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    EmbeddedDatabase db;
    PrivateKey key;
    Path publicKey;
    Process service;
    int port = 8097;
    DataGenerator.Loaded loaded;
    final StringBuilder report = new StringBuilder();

    Bench(Path dir, int runs, int seconds, boolean small) {
        this.dir = dir;
        this.runs = runs;
        this.seconds = seconds;
        this.small = small;
    }

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        Bench bench = new Bench(Path.of(value(a, "--dir", "bench/data")), Integer.parseInt(value(a, "--runs", "3")),
                Integer.parseInt(value(a, "--seconds", "10")), a.contains("--small"));
        bench.jvmArgs = bench.withTrainedArchive(deploymentJvmOptions());
        try {
            if (a.contains("--import-check")) {
                bench.importCheck();
                return;
            }
            if (a.contains("--heap-check")) {
                bench.heapCheck(Integer.parseInt(value(a, "--heap-mb", "128")));
                return;
            }
            if (a.contains("--years")) {
                bench.yearsBench(Path.of(value(a, "--report", "bench/YEARS.md")), a.contains("--unprepared"));
                return;
            }
            if (a.contains("--uploads")) {
                bench.uploadScaling(Path.of(value(a, "--report", "bench/UPLOADS.md")), Arrays.stream(
                        value(a, "--sizes", "10000,100000,200000").split(",")).map(Integer::valueOf).toList());
                return;
            }
            bench.existingPeople = a.contains("--existing");
            bench.warmUploads = a.contains("--warm");
            if (a.contains("--no-jfr")) {
                System.setProperty("bench.jfr", "false");
            }
            if (a.contains("--profile")) {
                bench.profile(value(a, "--profile", "pulls"));
                return;
            }
            bench.run(Path.of(value(a, "--report", "bench/REPORT.md")));
        } finally {
            bench.stopService();
            if (bench.db != null) {
                bench.db.close();
            }
        }
        System.exit(0);
    }

    static String value(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }

    /**
     * How an upload's cost grows with its size: 10,000, 100,000 and 200,000 rows over the data set, each size
     * {@code runs} times, beside a raw COPY of the largest; writes a table to {@code reportFile}.
     */
    void uploadScaling(Path reportFile, List<Integer> sizes) throws Exception {
        DataGenerator.Size size = prepare();
        StringBuilder table = new StringBuilder("# Upload cost by size\n\nWritten by `bench/run.sh --uploads` on ")
                .append(java.time.LocalDate.now()).append(": ").append(loaded.users()).append(" users, ")
                .append(loaded.assignments()).append(" assignments (").append(size.leas()).append(" LEAs); ")
                .append(runs).append(" runs per size, median [min–max]; the service on the embedded PostgreSQL with"
                        + " fsync and synchronous commit on. Each upload adds about 0.6 new users per row and one role"
                        + " per row; the commit writes users, assignments, audit events and feed entries in one"
                        + " transaction (and the documents of people who existed before it: none here); the first"
                        + " documents of the people it created are written right after it, timed in the fifth column.\n\n")
                .append("| rows | validate s | commit s | end to end rows/s | first documents after the commit s | peak RSS MB |\n|---|---|---|---|---|---|\n");
        startService();
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (Long.parseLong(queryRow("select count(*) from consumer_document")[0]) < 2L * loaded.users()
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        stopService();
        UploadResult largest = null;
        for (int rows : sizes) {
            List<UploadResult> results = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                results.add(upload(rows, r, "s" + rows / 1000 + "k"));
            }
            largest = results.get(0);
            List<Double> v = results.stream().map(UploadResult::validateSeconds).toList();
            List<Double> c = results.stream().map(UploadResult::commitSeconds).toList();
            List<Double> rate = results.stream().map(UploadResult::rowsPerSecond).toList();
            List<Double> d = results.stream().map(UploadResult::documentsSeconds).toList();
            List<Double> rss = results.stream().map(UploadResult::peakRssMb).toList();
            table.append(String.format(Locale.ROOT, "| %d | %.1f [%.1f–%.1f] | %.1f [%.1f–%.1f] | %.0f [%.0f–%.0f] | %.1f [%.1f–%.1f] | %.0f [%.0f–%.0f] |%n",
                    rows, median(v), min(v), max(v), median(c), min(c), max(c), median(rate), min(rate), max(rate),
                    median(d), min(d), max(d), median(rss), min(rss), max(rss)));
        }
        table.append(String.format(Locale.ROOT, "%nRaw `COPY` of the same %d rows into a plain table: %.0f rows/s.%n",
                largest.rows(), copyRate(largest.csv())));
        Files.writeString(reportFile, table.toString());
        log("wrote %s", reportFile);
    }

    /** A fresh embedded database, migrated, with the generated data loaded; returns the size loaded. */
    DataGenerator.Size prepare() throws Exception {
        Files.createDirectories(dir);
        loadKeys();
        deleteTree(dir.resolve("pg"));
        db = EmbeddedDatabase.start(dir.resolve("pg"));
        migrate();
        DataGenerator.Size size = small ? new DataGenerator.Size(110, 1_100, 70, 50_000, 100_000, 2026L)
                : DataGenerator.Size.california();
        long t0 = System.nanoTime();
        try (Connection c = db.connectAsOwner()) {
            loaded = new DataGenerator(size, YEAR).load(c);
        }
        loadSeconds = (System.nanoTime() - t0) / 1e9;
        log("loaded %d organizations, %d users, %d assignments in %.1f s", loaded.organizations(), loaded.users(),
                loaded.assignments(), loadSeconds);
        return size;
    }

    double loadSeconds;

    /** The service's year override; empty for the administration calendar's year. */
    String yearOverride = YEAR;

    /**
     * The start of a school year at this size: every administrator's roles carried into the next year by the state
     * administrator, then the transition, each previewed first; times and counts to {@code reportFile}. Unprepared,
     * nothing is carried: everyone loses access at the transition, the most it ever writes.
     */
    void yearsBench(Path reportFile, boolean unprepared) throws Exception {
        prepare();
        yearOverride = "";
        startService();
        long t0 = System.nanoTime();
        while (Long.parseLong(queryRow("select count(*) from consumer_document")[0]) < 2L * loaded.users()) {
            Thread.sleep(500);
        }
        double backfill = (System.nanoTime() - t0) / 1e9;
        String token = person(loaded.stateAdmin());
        String next = "2027-28";
        StringBuilder table = new StringBuilder("# The start of a school year\n\nWritten by `bench/run.sh --years"
                + (unprepared ? " --unprepared" : "") + "` on ")
                .append(java.time.LocalDate.now()).append(": ").append(loaded.users()).append(" users, ")
                .append(loaded.assignments()).append(" assignments, one run; the service on the embedded PostgreSQL with"
                        + " fsync and synchronous commit on. First the documents of the loaded users were written in the"
                        + " background in ").append(String.format(Locale.ROOT, "%.1f", backfill)).append(" s.\n\n")
                .append("| step | seconds | answer |\n|---|---|---|\n");
        List<String> steps = unprepared ? List.of("transition?dryRun=true", "transition")
                : List.of("carry-forward?dryRun=true", "carry-forward", "transition?dryRun=true", "transition");
        for (String step : steps) {
            long s0 = System.nanoTime();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/v1/administration-years/" + next
                    + "/" + step)).header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(30))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            double seconds = (System.nanoTime() - s0) / 1e9;
            String body = answer.body().replaceAll(",\"byLea\":\\[.*\\]", ",\"byLea\":[...]");
            log("%s: %d in %.1f s: %s", step, answer.statusCode(), seconds, body);
            table.append(String.format(Locale.ROOT, "| %s | %.1f | %d `%s` |%n", step, seconds, answer.statusCode(), body));
        }
        stopService();
        Files.writeString(reportFile, table.toString());
        log("wrote %s", reportFile);
    }

    void run(Path reportFile) throws Exception {
        DataGenerator.Size size = prepare();
        header(size, loadSeconds);

        startService();
        awaitDocuments();
        stopService();

        // 6. startup and idle memory, over data whose documents are all written (as a restart finds it)
        List<Double> ready = new ArrayList<>();
        List<Double> idle = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            ready.add(startService());
            Thread.sleep(IDLE_MILLIS);
            get("/q/health/ready", null);
            idle.add(rssMb("VmRSS"));
            stopService();
        }
        startService();

        // 1-2. permission pulls beside the health endpoint, 32 connections, driven by wrk
        String cers = Jwt.issuer(ISSUER).subject("cers").groups(Set.of("cers-service")).expiresIn(Duration.ofHours(4)).sign(key);
        Map<String, String> pullEnv = Map.of("TOKEN", cers, "EMAILS", emailsFile(loaded.users()).toString());
        List<Result> pullWarmUp = new ArrayList<>();
        for (int w = 0; w < PULL_WARM_UP_WINDOWS; w++) {
            pullWarmUp.add(wrk(2, 32, 10, "/", "pull.lua", pullEnv));
        }
        wrk(2, 32, WARM_UP_SECONDS, "/q/health", null, Map.of());
        List<Result> pulls = new ArrayList<>();
        List<Result> health = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            pulls.add(wrk(2, 32, seconds, "/", "pull.lua", pullEnv));
            health.add(wrk(2, 32, seconds, "/q/health", null, Map.of()));
        }

        // 3. listings: 8 walkers (one wrk thread each) following the cursors of pages of 50
        List<Result> leaListing = new ArrayList<>();
        List<Result> siteListing = new ArrayList<>();
        Map<String, String> leaEnv = Map.of("TOKEN", person(loaded.largeLeaCoordinator()));
        Map<String, String> siteEnv = Map.of("TOKEN", person(loaded.siteCoordinator()));
        wrk(8, 8, WARM_UP_SECONDS, "/", "list.lua", leaEnv);
        wrk(8, 8, WARM_UP_SECONDS, "/", "list.lua", siteEnv);
        for (int r = 0; r < runs; r++) {
            leaListing.add(wrk(8, 8, seconds, "/", "list.lua", leaEnv));
            siteListing.add(wrk(8, 8, seconds, "/", "list.lua", siteEnv));
        }

        // 4. single-user creation with one role, 8 connections, each request a new person
        List<Result> creation = new ArrayList<>();
        Path schools = dir.resolve("schools.txt");
        Files.write(schools, loaded.schoolCodes().subList(0, small ? 70 : 700));
        wrk(2, 8, WARM_UP_SECONDS, "/", "create.lua", Map.of("TOKEN", leaEnv.get("TOKEN"), "SCHOOLS", schools.toAbsolutePath().toString(),
                "RUN", "w-" + System.currentTimeMillis() % 100_000));
        for (int r = 0; r < runs; r++) {
            creation.add(wrk(2, 8, seconds, "/", "create.lua", Map.of("TOKEN", leaEnv.get("TOKEN"),
                    "SCHOOLS", schools.toAbsolutePath().toString(), "RUN", r + "-" + System.currentTimeMillis() % 100_000)));
        }
        stopService();

        // 5. bulk upload of 10,000 and 100,000 rows, beside raw COPY of the same rows
        List<UploadResult> uploads10k = new ArrayList<>();
        List<UploadResult> uploads100k = new ArrayList<>();
        List<Double> copyRates = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            uploads10k.add(upload(10_000, r, "a"));
            UploadResult big = upload(small ? 20_000 : 100_000, r, "b");
            uploads100k.add(big);
            copyRates.add(copyRate(big.csv));
        }

        results(pullWarmUp, pulls, health, leaListing, siteListing, creation, uploads10k, uploads100k, copyRates, ready, idle);
        Files.writeString(reportFile, report.toString());
        log("wrote %s", reportFile);
    }

    /**
     * Where the time of a request goes: the service runs under Java Flight Recorder, over the data the last full run
     * left in {@code bench/data/pg}, while wrk pulls random users (32 connections), walks the large LEA
     * coordinator's listing (8 walkers) or creates people (8 connections); or, for {@code backfill}, while the
     * service writes every user's documents afresh; or, for {@code upload}, while it validates and commits a
     * 100,000-row upload (its commit's log line, in bench/data/service.log, splits the steps). The recording lands in bench/data.
     */
    void profile(String what) throws Exception {
        reuseLastDatabase();
        int users = Integer.parseInt(queryRow("select count(*) from app_user where email like 'u%@bench.example'")[0]);
        if (!System.getProperty("bench.jfr", "true").equals("false")) {
            jvmArgs = with(jvmArgs, "-XX:StartFlightRecording=filename=" + dir.toAbsolutePath().resolve(what + ".jfr")
                    + ",settings=profile");
        }
        if (what.equals("upload")) {
            uploaderFromLastDatabase();
            upload(small ? 20_000 : 100_000, nextProfileUpload(), "p" + System.currentTimeMillis() % 100_000);
            return;
        }
        if (what.equals("backfill")) {
            try (Connection c = db.connectAsOwner(); Statement st = c.createStatement()) {
                st.execute("delete from consumer_document");
            }
            startService();
            awaitDocuments();
            stopService();
            return;
        }
        startService();
        String coordinator = person(DataGenerator.email(1));
        record Load(int threads, int connections, String script, Map<String, String> env) {
        }
        Load load = switch (what) {
            case "pulls" -> new Load(2, 32, "pull.lua", Map.of("TOKEN", Jwt.issuer(ISSUER).subject("cers")
                    .groups(Set.of("cers-service")).expiresIn(Duration.ofHours(1)).sign(key), "EMAILS",
                    emailsFile(users).toString()));
            case "listing" -> new Load(8, 8, "list.lua", Map.of("TOKEN", coordinator));
            case "creation" -> new Load(2, 8, "create.lua", Map.of("TOKEN", coordinator, "SCHOOLS",
                    Files.write(dir.resolve("schools.txt").toAbsolutePath(), List.of(queryRow("select array_to_string("
                            + "array(select code from organization where type = 'SCHOOL' order by id limit 70), ',')")[0]
                            .split(","))).toString(),
                    "RUN", "p" + System.currentTimeMillis() % 100_000));
            default -> throw new IllegalArgumentException("--profile pulls|listing|creation|backfill|upload");
        };
        Map<String, String> warmUp = new HashMap<>(load.env());
        warmUp.computeIfPresent("RUN", (key, run) -> "w" + run); // creations measured must not meet the warm-up's people
        wrk(load.threads(), load.connections(), WARM_UP_SECONDS, "/", load.script(), warmUp);
        Result r = wrk(load.threads(), load.connections(), 20, "/", load.script(), load.env());
        log("%s: %.0f req/s, p50 %.1f ms, p99 %.1f ms", what, r.perSecond(), r.p50(), r.p99());
        if (what.equals("pulls")) {
            Result health = wrk(2, 32, 20, "/q/health", null, Map.of());
            log("/q/health right after, same connections: %.0f req/s, p99 %.1f ms; pull/health %.2f req/s, %.2f p99",
                    health.perSecond(), health.p99(), r.perSecond() / health.perSecond(), r.p99() / health.p99());
        }
        stopService();
    }

    /**
     * How many profiled uploads ran over this data before, counted in a file beside it: each names people the others
     * did not ({@link #uploadCsv}), so that an upload of existing people changes them rather than finding them done.
     */
    int nextProfileUpload() throws IOException {
        Path counter = dir.resolve("profiled-uploads");
        int run = Files.exists(counter) ? Integer.parseInt(Files.readString(counter).trim()) + 1 : 10;
        Files.writeString(counter, String.valueOf(run));
        return run;
    }

    /** The emails of the first {@code users} generated users, one per line, for wrk's pull script. */
    Path emailsFile(int users) throws IOException {
        Path emails = dir.resolve("emails.txt").toAbsolutePath();
        try (var out = Files.newBufferedWriter(emails)) {
            for (int u = 0; u < users; u++) {
                out.write(DataGenerator.email(u));
                out.write('\n');
            }
        }
        return emails;
    }

    /**
     * Streaming, shown: the service runs with a small fixed heap over the data of the last full run and takes a
     * 100,000-row upload through validation and commit. Memory that grew with the file would not fit.
     */
    void heapCheck(int heapMb) throws Exception {
        reuseLastDatabase();
        uploaderFromLastDatabase();
        jvmArgs = with(jvmArgs, "-Xmx" + heapMb + "m");
        UploadResult result = upload(100_000, 9, "heap" + System.currentTimeMillis() % 100_000);
        log("with -Xmx%dm: 100,000 rows validated in %.1f s and committed in %.1f s; peak RSS %.0f MB", heapMb,
                result.validateSeconds(), result.commitSeconds(), result.peakRssMb());
    }

    /** The state administrator and the large LEA's schools of the last run's data, as an upload needs them. */
    void uploaderFromLastDatabase() throws Exception {
        String sql = "select (select u.email from app_user u join role_assignment a on a.user_id = u.id"
                + " where a.role_id = 'STATE_ADMINISTRATOR' limit 1),"
                + " array_to_string(array(select code from organization where type = 'SCHOOL' order by id limit 700), ',')";
        String[] row = queryRow(sql);
        loaded = new DataGenerator.Loaded(List.of(), List.of(row[1].split(",")), null, null, row[0], 0, 0, 0);
    }

    /** The directory import at state size: 1,200 LEAs and 10,800 schools in one CSV, timed end to end. */
    void importCheck() throws Exception {
        reuseLastDatabase();
        String admin = queryRow("select u.email from app_user u join role_assignment a"
                + " on a.user_id = u.id where a.role_id = 'STATE_ADMINISTRATOR' limit 1")[0];
        StringBuilder csv = new StringBuilder("CDS Code,Name,Type,Parent CDS Code\n");
        int base = 9_000_000 + (int) (System.currentTimeMillis() % 500) * 1_500;
        for (int l = 0; l < 1_200; l++) {
            String prefix = String.valueOf(base + l);
            csv.append(prefix).append("0000000,Imported District ").append(l).append(",LEA,CA\n");
            for (int s = 0; s < 9; s++) {
                csv.append(prefix).append(String.format("%07d", 1_000_000 + s)).append(",Imported School ").append(l)
                        .append('-').append(s).append(",SCHOOL,").append(prefix).append("0000000\n");
            }
        }
        startService();
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/v1/organizations/imports"))
                .header("Authorization", "Bearer " + person(admin)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        double took = (System.nanoTime() - t0) / 1e9;
        log("import of 12,000 organizations: HTTP %d in %.2f s: %s", r.statusCode(), took, r.body());
        stopService();
    }

    void loadKeys() {
        DemoKeys keys = DemoKeys.ensure(dir.resolve("keys"));
        key = keys.privateKey();
        publicKey = keys.publicKeyFile();
    }

    /** The schema brought up to date by its owner, as a deployment's migration user does (the service's role may not). */
    void migrate() {
        Flyway.configure().dataSource(db.jdbcUrl(), EmbeddedDatabase.OWNER, db.ownerPassword())
                .placeholders(java.util.Map.of("app_role", EmbeddedDatabase.APP)).locations("classpath:db/migration")
                .load().migrate();
    }

    /** How long the service idles before its memory is read: past the JVM's idle collection (see the image). */
    static final long IDLE_MILLIS = 15_000;

    /**
     * The JVM options of the image ({@code -XX:} options of {@code JAVA_OPTS_APPEND} in deploy/Dockerfile.jvm), so the
     * bench runs the service as it is deployed; all but {@code MaxRAMPercentage}, which sizes the heap from a
     * container's memory limit and would take 70% of this whole machine.
     */
    static List<String> deploymentJvmOptions() throws IOException {
        return Files.readAllLines(Path.of("deploy/Dockerfile.jvm")).stream()
                .filter(l -> l.startsWith("ENV JAVA_OPTS_APPEND="))
                .flatMap(l -> Arrays.stream(l.substring(l.indexOf('"') + 1, l.lastIndexOf('"')).split(" ")))
                .filter(o -> o.startsWith("-XX:") && !o.startsWith("-XX:MaxRAMPercentage")).toList();
    }

    /**
     * The image maps a class-data sharing archive written by a training start when it is built (deploy/Dockerfile.jvm);
     * the bench trains its own the same way, for this jar and this JVM, and starts the service with that one.
     */
    List<String> withTrainedArchive(List<String> options) throws Exception {
        if (options.stream().noneMatch(o -> o.startsWith("-XX:SharedArchiveFile="))) {
            return options;
        }
        Path archive = dir.resolve("app-cds.jsa").toAbsolutePath();
        Path training = dir.resolve("training").toAbsolutePath();
        deleteTree(training);
        Files.deleteIfExists(archive);
        Files.createDirectories(training);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:class+load:file=" + training.resolve("classes.log"),
                "-D" + ClassArchiveTraining.LOG_PROPERTY + "=" + training.resolve("classes.log"), "-Dquarkus.http.port=0",
                "-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString())
                .directory(training.toFile()).redirectErrorStream(true).redirectOutput(training.resolve("start.log").toFile());
        builder.environment().put("TOMS_DEMO", "true");
        builder.environment().put("TOMS_DATA_DIR", training.toString());
        Process process = builder.start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (process.isAlive() && System.nanoTime() < deadline
                && !Files.readString(training.resolve("start.log")).contains("started in")) {
            Thread.sleep(200);
        }
        process.destroy();
        process.waitFor();
        deleteTree(training);
        if (!Files.exists(archive)) {
            throw new IllegalStateException("the class-data sharing training wrote no archive");
        }
        log("class-data sharing archive trained: %d MB", Files.size(archive) >> 20);
        return options.stream().map(o -> o.startsWith("-XX:SharedArchiveFile=") ? "-XX:SharedArchiveFile=" + archive : o)
                .toList();
    }

    /** The keys and the database the last full run left in the bench directory, migrated to this code's schema. */
    void reuseLastDatabase() {
        loadKeys();
        db = EmbeddedDatabase.start(dir.resolve("pg"));
        migrate();
    }

    /** The first row of a query, as text. */
    String[] queryRow(String sql) throws java.sql.SQLException {
        try (Connection c = db.connectAsOwner();
             var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            String[] row = new String[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < row.length; i++) {
                row[i] = rs.getString(i + 1);
            }
            return row;
        }
    }

    // ---------------------------------------------------------------- the service

    /** The service's JVM options: the image's, and what a scenario adds. */
    List<String> jvmArgs;

    static List<String> with(List<String> options, String option) {
        List<String> all = new ArrayList<>(options);
        all.add(option);
        return all;
    }

    double startService() throws Exception {
        Path log = dir.resolve("service.log");
        long t0 = System.nanoTime();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + db.jdbcUrl(),
                "-Dquarkus.datasource.username=" + EmbeddedDatabase.APP,
                "-Dquarkus.datasource.password=" + db.appPassword(),
                "-Dmp.jwt.verify.publickey.location=" + publicKey.toAbsolutePath(),
                "-Dmp.jwt.verify.issuer=" + ISSUER,
                "-Dtoms.administration-year=" + yearOverride,
                "-Dtoms.data-dir=" + dir.toAbsolutePath(),
                "-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()));
        service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - t0) / 1e6;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!service.isAlive()) {
                throw new IllegalStateException("the service did not start; see " + log);
            }
            Thread.sleep(20);
        }
    }

    void stopService() throws InterruptedException {
        if (service != null) {
            service.destroy();
            service.waitFor();
            service = null;
        }
    }

    double rssMb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + service.pid() + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    // ---------------------------------------------------------------- load

    record Result(double perSecond, double p50, double p99, int errors) {
    }

    /**
     * One upload: until VALIDATED, then until COMMITTED (what the uploader waits for), then until the first documents
     * of the people it created are written (the service does it after the commit; a pull resolves them meanwhile).
     */
    record UploadResult(int rows, double validateSeconds, double commitSeconds, double documentsSeconds,
            double peakRssMb, String csv) {
        double rowsPerSecond() {
            return rows / (validateSeconds + commitSeconds);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpRequest request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    String get(String path, String token) throws Exception {
        return http.send(request(path, token), HttpResponse.BodyHandlers.ofString()).body();
    }

    String person(String email) {
        return Jwt.issuer(ISSUER).upn(email).claim("email", email).expiresIn(Duration.ofHours(4)).sign(key);
    }

    /**
     * Waits until the service's backfill has written every loaded user's consumer documents (the data goes in with
     * COPY, beside the service), vacuums and analyzes them, as autovacuum would have long since, and waits until the
     * kernel has written the gigabytes this wrote (dirty pages under 64 MB, at most 5 minutes): what is measured is
     * the steady state, where every change wrote its documents, not the minutes after a bulk write.
     */
    void awaitDocuments() throws Exception {
        long t0 = System.nanoTime();
        String sql = "select count(*) from app_user u where not exists (select 1 from consumer_document d"
                + " where d.consumer = 'cers-service' and d.user_id = u.id and d.administration_year = '" + YEAR + "')";
        while (Integer.parseInt(queryRow(sql)[0]) > 0) {
            Thread.sleep(1000);
        }
        log("consumer documents of every user written %.0f s after start", (System.nanoTime() - t0) / 1e9);
        try (Connection c = db.connectAsOwner(); Statement st = c.createStatement()) {
            st.execute("vacuum analyze consumer_document");
        }
        long t1 = System.nanoTime();
        while (dirtyMb() > 64 && System.nanoTime() - t1 < 300_000_000_000L) {
            Thread.sleep(1000);
        }
        log("the kernel wrote the backfill's pages out %.0f s later", (System.nanoTime() - t1) / 1e9);
    }

    /** Memory waiting to be written to disk ({@code Dirty} in /proc/meminfo), in MB; 0 where there is none. */
    static double dirtyMb() throws IOException {
        Path meminfo = Path.of("/proc/meminfo");
        if (!Files.exists(meminfo)) {
            return 0;
        }
        for (String line : Files.readAllLines(meminfo)) {
            if (line.startsWith("Dirty:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return 0;
    }

    /**
     * HTTP load from wrk (Debian package {@code wrk}, a C load generator), so that no JVM driver competes with the
     * service for the cores: {@code threads} threads, {@code connections} connections, for {@code forSeconds}, each
     * request made by a script of {@code bench/wrk} (or a plain GET of {@code path}) with {@code env} in its
     * environment. Errors are non-2xx/3xx responses and socket errors.
     */
    Result wrk(int threads, int connections, int forSeconds, String path, String script, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + forSeconds + "s",
                "--latency"));
        if (script != null) {
            command.addAll(List.of("-s", Path.of("bench/wrk", script).toString()));
        }
        command.add(uri(path).toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        Result result = parseWrk(out);
        log("wrk %s%s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, %d errors", path, script == null ? "" : " " + script,
                result.perSecond(), result.p50(), result.p99(), result.errors());
        return result;
    }

    /** Requests per second, the median and 99th percentile latency in ms, and the errors, from wrk's report. */
    static Result parseWrk(String out) {
        Matcher rate = Pattern.compile("Requests/sec:\\s+([\\d.]+)").matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output: " + out);
        }
        int errors = 0;
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        if (non2xx.find()) {
            errors += Integer.parseInt(non2xx.group(1));
        }
        Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
                .matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Integer.parseInt(socket.group(g));
            }
        }
        return new Result(Double.parseDouble(rate.group(1)), latencyMs(out, "50%"), latencyMs(out, "99%"), errors);
    }

    static double latencyMs(String out, String percentile) {
        Matcher m = Pattern.compile("\\s" + percentile + "\\s+([\\d.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + " latency in wrk's output: " + out);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            default -> value * 1000;
        };
    }

    // ---------------------------------------------------------------- uploads

    /** Rows across the large LEA's schools: about 0.6 users per row, each with one or two roles. */
    /** Whether uploads name people of the loaded data (one row each) rather than new people. */
    boolean existingPeople;

    /**
     * An upload of {@code rows} rows: 0.6 new people per row, each with a role and the first 0.4 of them with a
     * second; or, for {@code existing} people, a role more for as many people of the loaded data.
     */
    String uploadCsv(int rows, int run, String tag, boolean existing) {
        StringBuilder csv = new StringBuilder("First Name,Last Name,Email Address,CDS Code,Role\n");
        int schools = small ? 70 : 700;
        if (existing) {
            for (int r = 0; r < rows; r++) {
                String email = DataGenerator.email((r + run * rows + run / 5) % (small ? 50_000 : 500_000));
                csv.append("Bulk,User").append(r % 97).append(',').append(email).append(',')
                        .append(loaded.schoolCodes().get(r % schools)).append(",Tools for Teachers Only\n");
            }
            return csv.toString();
        }
        String[] roles = {"Educator - Roster", "CAASPP Test Examiner", "ELPAC Test Examiner", "Tools for Teachers Only"};
        int users = rows * 6 / 10;
        for (int r = 0; r < rows; r++) {
            int u = r < users ? r : r - users;
            String role = roles[r < users ? 0 : 1 + (u % 3)];
            csv.append("Bulk,User").append(u % 97).append(",bulk-").append(tag).append(run).append('-').append(u)
                    .append("@bench.example,").append(loaded.schoolCodes().get(u % schools)).append(',').append(role).append('\n');
        }
        return csv.toString();
    }

    /**
     * One upload through validation and commit, and then until its new people's first documents are written, on a
     * service started for it; with {@link #warmUploads}, after an unmeasured upload of 10,000 new people on the same
     * service (a running service has compiled its upload code by the time a large file comes).
     */
    UploadResult upload(int rows, int run, String tag) throws Exception {
        startService();
        String token = person(loaded.stateAdmin());
        if (warmUploads) {
            uploadOnService(10_000, run, "warm" + tag, token, false);
        }
        UploadResult result = uploadOnService(rows, run, tag, token, existingPeople);
        double peak = rssMb("VmHWM");
        stopService();
        log("upload %d rows: validate %.1f s, commit %.1f s, first documents after it %.1f s, peak RSS %.0f MB", rows,
                result.validateSeconds(), result.commitSeconds(), result.documentsSeconds(), peak);
        return new UploadResult(rows, result.validateSeconds(), result.commitSeconds(), result.documentsSeconds(), peak,
                result.csv());
    }

    /** Whether each measured upload follows an unmeasured one on the same service. */
    boolean warmUploads;

    private UploadResult uploadOnService(int rows, int run, String tag, String token, boolean existing)
            throws Exception {
        String csv = uploadCsv(rows, run, tag, existing);
        long t0 = System.nanoTime();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(uri("/api/v1/uploads"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        String id = field(created.body(), "id");
        String status = awaitStatus(id, token, Set.of("VALIDATED", "REJECTED", "FAILED"));
        double validate = (System.nanoTime() - t0) / 1e9;
        if (!status.equals("VALIDATED")) {
            throw new IllegalStateException("upload " + id + " ended " + status);
        }
        long t1 = System.nanoTime();
        http.send(HttpRequest.newBuilder(uri("/api/v1/uploads/" + id + "/commit")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        status = awaitStatus(id, token, Set.of("COMMITTED", "FAILED"));
        double commit = (System.nanoTime() - t1) / 1e9;
        if (!status.equals("COMMITTED")) {
            throw new IllegalStateException("upload " + id + " ended " + status);
        }
        long t2 = System.nanoTime();
        while (Long.parseLong(queryRow("select count(*) from upload_affected")[0]) > 0) {
            Thread.sleep(50);
        }
        return new UploadResult(rows, validate, commit, (System.nanoTime() - t2) / 1e9, 0, csv);
    }

    String awaitStatus(String id, String token, Set<String> done) throws Exception {
        while (true) {
            String status = field(get("/api/v1/uploads/" + id, token), "status");
            if (done.contains(status)) {
                return status;
            }
            Thread.sleep(50);
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /** Rows per second of a raw COPY of the same rows into a table of the same shape, measured now. */
    double copyRate(String csv) throws Exception {
        try (Connection c = db.connectAsOwner();
             Statement st = c.createStatement()) {
            st.execute("create temp table copy_probe (first_name text, last_name text, email text, cds text, role text)");
            long t0 = System.nanoTime();
            long rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY copy_probe FROM STDIN WITH (FORMAT csv, HEADER true)", new StringReader(csv));
            return rows / ((System.nanoTime() - t0) / 1e9);
        }
    }

    // ---------------------------------------------------------------- report

    void header(DataGenerator.Size size, double loadSeconds) {
        report.append("# Benchmark report\n\n")
                .append("Written by `bench/run.sh` on ").append(java.time.LocalDate.now()).append(". Machine: ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("java.version")).append(" JVM; the HTTP load comes from wrk (a C load generator) on the same")
                .append(" machine; PostgreSQL is the embedded one (14) with fsync and synchronous_commit on.\n")
                .append("Each figure is the median of ").append(runs).append(" runs, with the range [min–max]; each run lasts ")
                .append(seconds).append(" s per scenario, after ").append(WARM_UP_SECONDS)
                .append(" s of the same load unmeasured (").append(PULL_WARM_UP_WINDOWS * 10)
                .append(" s for the pulls, the first load after a start). Loopback only.\n\n")
                .append("## Data\n\n")
                .append(String.format(Locale.ROOT, "%d organizations (%d LEAs, the first with %d schools; %d schools), %d users,"
                        + " %d role assignments, generated from seed %d and loaded with COPY in %.1f s.%n%n",
                        loaded.organizations(), size.leas(), size.largeLeaSchools(), size.schools(), loaded.users(),
                        loaded.assignments(), size.seed(), loadSeconds));
    }

    void results(List<Result> pullWarmUp, List<Result> pulls, List<Result> health, List<Result> leaListing, List<Result> siteListing,
            List<Result> creation, List<UploadResult> up10k, List<UploadResult> up100k, List<Double> copyRates,
            List<Double> ready, List<Double> idle) {
        report.append("## Results\n\n| scenario | req/s | p50 ms | p99 ms | errors | target | verdict |\n|---|---|---|---|---|---|---|\n");
        Stat pullRate = stat(pulls, Result::perSecond);
        Stat healthRate = stat(health, Result::perSecond);
        Stat pullP99 = stat(pulls, Result::p99);
        Stat healthP99 = stat(health, Result::p99);
        row("1. CERS permission pull, random users, 32 connections", pulls, "p99 ≤ 1.5 x /q/health's",
                pullP99.median <= 1.5 * healthP99.median);
        row("2. `GET /q/health`, same run, 32 connections", health, "—", true);
        List<Double> rates = ratios(pulls, health, Result::perSecond);
        List<Double> tails = ratios(pulls, health, Result::p99);
        report.append(String.format(Locale.ROOT, "| 2. pull / health req/s ratio | %.2f [%.2f–%.2f] | | | | ≥ 0.80 | %s |%n",
                median(rates), min(rates), max(rates), median(rates) >= 0.8 ? "met" : "missed"));
        report.append(String.format(Locale.ROOT, "| 2. pull / health p99 ratio | | | %.2f [%.2f–%.2f] | | ≤ 1.5 | %s |%n",
                median(tails), min(tails), max(tails), median(tails) <= 1.5 ? "met" : "missed"));
        report.append("| 1. warm-up: pulls in each 10 s window from the start, unmeasured above | ")
                .append(String.join(", ", pullWarmUp.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.perSecond())).toList()))
                .append(" | | | | — | — |\n");
        Stat leaP99 = stat(leaListing, Result::p99);
        Stat siteP99 = stat(siteListing, Result::p99);
        row("3. user listing, coordinator of the large LEA, pages of 50, 8 walkers", leaListing, "p99 < 50 ms", leaP99.median < 50);
        row("3. user listing, site coordinator, pages of 50, 8 walkers", siteListing, "p99 < 50 ms", siteP99.median < 50);
        Stat createP99 = stat(creation, Result::p99);
        row("4. single-user creation with one role, 8 connections", creation, "p99 < 50 ms", createP99.median < 50);
        report.append("\n| upload | rows | validate s | commit s | rows/s end to end | first documents after the commit s | peak RSS MB | target | verdict |\n|---|---|---|---|---|---|---|---|---|\n");
        uploadRow(up10k, false);
        uploadRow(up100k, true);
        double copy = median(copyRates);
        report.append(String.format(Locale.ROOT, "%nRaw PostgreSQL `COPY` of the same %d rows into a plain table, same run: %.0f rows/s"
                + " [%.0f–%.0f]; the upload reaches %.1f%% of it (it validates every row, checks rights, stages, then"
                + " applies with audit and feed entries).%n", up100k.get(0).rows, copy, min(copyRates), max(copyRates),
                100 * median(up100k.stream().map(UploadResult::rowsPerSecond).toList()) / copy));
        report.append(String.format(Locale.ROOT, "%n| startup | median | range | target | verdict |%n|---|---|---|---|---|%n"
                + "| 6. ready (process start to `/q/health/ready` 200), ms | %.0f | %.0f–%.0f | < 3000 | %s |%n"
                + "| 6. idle RSS after start, MB | %.0f | %.0f–%.0f | < 250 | %s |%n",
                median(ready), min(ready), max(ready), median(ready) < 3000 ? "met" : "missed",
                median(idle), min(idle), max(idle), median(idle) < 250 ? "met" : "missed"));
    }

    void row(String name, List<Result> results, String target, boolean met) {
        Stat rate = stat(results, Result::perSecond);
        Stat p50 = stat(results, Result::p50);
        Stat p99 = stat(results, Result::p99);
        int errors = results.stream().mapToInt(Result::errors).sum();
        report.append(String.format(Locale.ROOT, "| %s | %.0f [%.0f–%.0f] | %.2f [%.2f–%.2f] | %.2f [%.2f–%.2f] | %d | %s | %s |%n",
                name, rate.median, rate.min, rate.max, p50.median, p50.min, p50.max, p99.median, p99.min, p99.max, errors,
                target, target.equals("—") ? "—" : met ? "met" : "missed"));
    }

    void uploadRow(List<UploadResult> results, boolean big) {
        List<Double> v = results.stream().map(UploadResult::validateSeconds).toList();
        List<Double> c = results.stream().map(UploadResult::commitSeconds).toList();
        List<Double> rate = results.stream().map(UploadResult::rowsPerSecond).toList();
        List<Double> d = results.stream().map(UploadResult::documentsSeconds).toList();
        List<Double> rss = results.stream().map(UploadResult::peakRssMb).toList();
        report.append(String.format(Locale.ROOT, "| 5. bulk upload | %d | %.1f [%.1f–%.1f] | %.1f [%.1f–%.1f] | %.0f [%.0f–%.0f] | %.1f [%.1f–%.1f] | %.0f [%.0f–%.0f] | %s | %s |%n",
                results.get(0).rows, median(v), min(v), max(v), median(c), min(c), max(c), median(rate), min(rate), max(rate),
                median(d), min(d), max(d), median(rss), min(rss), max(rss), big ? "≥ 30,000 rows/s" : "—",
                big ? (median(rate) >= 30_000 ? "met" : "missed") : "—"));
    }

    record Stat(double median, double min, double max) {
    }

    static Stat stat(List<Result> results, java.util.function.ToDoubleFunction<Result> f) {
        List<Double> values = results.stream().map(r -> f.applyAsDouble(r)).toList();
        return new Stat(median(values), min(values), max(values));
    }

    static List<Double> ratios(List<Result> a, List<Result> b, java.util.function.ToDoubleFunction<Result> f) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            r.add(f.applyAsDouble(a.get(i)) / f.applyAsDouble(b.get(i)));
        }
        return r;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    static void deleteTree(Path path) throws IOException {
        if (Files.exists(path)) {
            try (var files = Files.walk(path)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
