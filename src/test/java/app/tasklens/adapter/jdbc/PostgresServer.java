package app.tasklens.adapter.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * A real PostgreSQL 15 for tests: Debian's {@code postgresql-15} binaries, a cluster made by {@code initdb} in
 * a temp folder under {@code target/} on first use, started by {@code pg_ctl} on a free port of 127.0.0.1 and
 * stopped (and deleted) when the test JVM ends. One cluster per test JVM; each test gets a database of its
 * own with {@link #newDatabase}, migrated by the product's Flyway migrations. Password authentication
 * (SCRAM) as on a real server, so that a wrong password fails here too. The cluster's locale is C.UTF-8,
 * where {@code LOWER} folds more than A–Z, as on most real servers.
 *
 * <p>PostgreSQL refuses to run as root: as root (CI, this project's machines) the commands run as the
 * {@code postgres} user that the Debian package creates. A missing installation fails the tests with what
 * to install; it never skips them. {@code .ci/run} installs it.
 */
public final class PostgresServer {

	public static final String USER = "tasklens";
	public static final String PASSWORD = "tasklens-test-password";
	private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
	private static final String MIGRATED = "tasklens_migrated";

	private static PostgresServer instance;

	private final Path dataDir;
	private final int port;
	private final AtomicInteger databases = new AtomicInteger();

	private PostgresServer(Path dataDir, int port) {
		this.dataDir = dataDir;
		this.port = port;
	}

	public static synchronized PostgresServer get() {
		if (instance == null) {
			instance = start();
		}
		return instance;
	}

	/** The JDBC URL of {@code database} on this server, as {@code TASKLENS_DATABASE_URL} takes it. */
	public String url(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

	/**
	 * A new database, a copy of one migrated once per JVM by the product's migrations (Flyway, as at the
	 * start of the app), so that each test starts empty without migrating again.
	 */
	public synchronized String newDatabase() {
		String name = "tasklens_" + databases.incrementAndGet();
		execute("CREATE DATABASE " + name + " TEMPLATE " + MIGRATED);
		return name;
	}

	/** A new empty database, not migrated. */
	public String newEmptyDatabase() {
		String name = "tasklens_empty_" + databases.incrementAndGet();
		execute("CREATE DATABASE " + name);
		return name;
	}

	public void dropDatabase(String name) {
		execute("DROP DATABASE " + name + " WITH (FORCE)");
	}

	/**
	 * A pool on {@code database}, configured as the product configures it for {@code pool-size}, named
	 * {@code tasklens-tests} in {@code pg_stat_activity} so that the product's connections can be told apart.
	 */
	public HikariDataSource dataSource(String database, int poolSize) {
		return DataSourceConfiguration.postgres(new DatabaseSettings(url(database) + "?ApplicationName=tasklens-tests",
				USER, PASSWORD, poolSize));
	}

	/** The environment that makes a Tasklens process keep its data in {@code database} here. */
	public Map<String, String> environment(String database) {
		return Map.of("TASKLENS_DATABASE_URL", url(database), "TASKLENS_DATABASE_USERNAME", USER,
				"TASKLENS_DATABASE_PASSWORD", PASSWORD);
	}

	private void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL test server: " + sql + ": " + ex.getMessage(), ex);
		}
	}

	private static PostgresServer start() {
		if (!Files.isExecutable(BIN.resolve("initdb"))) {
			throw new IllegalStateException("PostgreSQL 15 is not installed (no " + BIN.resolve("initdb")
					+ "): apt-get install postgresql-15 (.ci/run does it)");
		}
		try {
			// As root the server runs as `postgres`, which must reach its folder: the clone may lie under a
			// folder only root may enter (mktemp -d makes them 0700), so the cluster goes to the system's /tmp.
			Path parent = root() ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
			Path dataDir = Files.createTempDirectory(parent, "tasklens-postgres-");
			Path passwordFile = dataDir.resolve("password");
			Path cluster = dataDir.resolve("cluster");
			Files.writeString(passwordFile, PASSWORD + "\n");
			if (root()) {
				UserPrincipalLookupService users = dataDir.getFileSystem().getUserPrincipalLookupService();
				Files.setOwner(dataDir, users.lookupPrincipalByName("postgres"));
				Files.setOwner(passwordFile, users.lookupPrincipalByName("postgres"));
			}
			run(List.of(BIN.resolve("initdb").toString(), "-D", cluster.toString(), "-U", USER, "--pwfile=" + passwordFile,
					"--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"), dataDir, 120);
			int port = freePort();
			// Test data need no durability: no fsync keeps the shared machine's disk out of the timings.
			Files.writeString(cluster.resolve("postgresql.conf"), String.join("\n", "", "port = " + port,
					"listen_addresses = '127.0.0.1'", "unix_socket_directories = ''", "fsync = off",
					"synchronous_commit = off", "full_page_writes = off", "max_connections = 200",
					"shared_buffers = 64MB", ""), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
			run(List.of(BIN.resolve("pg_ctl").toString(), "-D", cluster.toString(), "-l", dataDir.resolve("server.log").toString(),
					"-w", "-t", "60", "start"), dataDir, 90);
			PostgresServer server = new PostgresServer(dataDir, port);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(cluster)));
			server.execute("CREATE DATABASE " + MIGRATED);
			try (HikariDataSource dataSource = server.dataSource(MIGRATED, 2)) {
				Flyway.configure().dataSource(dataSource).load().migrate();
			}
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the PostgreSQL test server", ex);
		}
	}

	private void stop(Path cluster) {
		try {
			run(List.of(BIN.resolve("pg_ctl").toString(), "-D", cluster.toString(), "-m", "immediate", "-w", "stop"),
					dataDir, 30);
			try (Stream<Path> files = Files.walk(dataDir)) {
				files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("PostgreSQL test server in " + dataDir + " not stopped: " + ex.getMessage());
		}
	}

	/** Runs a PostgreSQL command, as the postgres user when this JVM is root; fails with its output. */
	private static void run(List<String> command, Path dir, int timeoutSeconds) throws IOException {
		List<String> full = new ArrayList<>();
		if (root()) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(command);
		Path output = Files.createTempFile(dir.getParent(), "postgres-command-", ".log");
		Process process = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
			.redirectOutput(output.toFile()).start();
		try {
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", full) + " did not finish in " + timeoutSeconds + " s: "
						+ Files.readString(output));
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", full) + " failed (exit " + process.exitValue() + "): "
						+ Files.readString(output) + serverLog(dir));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted: " + String.join(" ", full), ex);
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static String serverLog(Path dir) throws IOException {
		Path log = dir.resolve("server.log");
		return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
	}

	private static boolean root() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
