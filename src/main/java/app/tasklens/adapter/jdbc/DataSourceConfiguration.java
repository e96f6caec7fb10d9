package app.tasklens.adapter.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The JDBC store's database: PostgreSQL when {@code tasklens.database.url} names one, otherwise one SQLite
 * file in the data directory. Flyway migrates either with the same migrations.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tasklens.store", havingValue = "sqlite", matchIfMissing = true)
class DataSourceConfiguration {

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(DatabaseSettings database, @Value("${tasklens.data-dir}") Path dataDir) {
		return database.postgres() ? postgres(database) : sqlite(dataDir);
	}

	@Bean
	SqlDialect sqlDialect(DataSource dataSource) {
		return SqlDialect.of(dataSource);
	}

	/**
	 * WAL lets readers run beside the one writer; {@code BEGIN IMMEDIATE} takes the write lock at the start
	 * of every transaction so that two transactions never deadlock upgrading a read lock, and the busy timeout
	 * makes a second writer wait instead of failing. {@code synchronous=NORMAL} in WAL mode survives a killed
	 * process (the WAL is in the OS cache); only a power cut can lose the last commits.
	 */
	static HikariDataSource sqlite(Path dataDir) {
		Path file = dataDir.toAbsolutePath().normalize().resolve("tasklens.db");
		try {
			Files.createDirectories(file.getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create data directory " + file.getParent(), ex);
		}
		SQLiteConfig config = new SQLiteConfig();
		config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
		config.enforceForeignKeys(true);
		config.setBusyTimeout(10_000);
		config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
		SQLiteDataSource sqlite = new SQLiteDataSource(config);
		sqlite.setUrl("jdbc:sqlite:" + file);

		HikariConfig pool = new HikariConfig();
		pool.setPoolName("tasklens-sqlite");
		pool.setDataSource(sqlite);
		pool.setMaximumPoolSize(8);
		return new HikariDataSource(pool);
	}

	/**
	 * A pool of {@code pool-size} connections. The first is opened at start, so that a wrong URL or password
	 * stops the start with the driver's reason instead of failing the first request.
	 */
	static HikariDataSource postgres(DatabaseSettings database) {
		HikariConfig pool = new HikariConfig();
		pool.setPoolName("tasklens-postgres");
		pool.setJdbcUrl(database.url().strip());
		pool.setUsername(database.username());
		pool.setPassword(database.password());
		pool.setMaximumPoolSize(database.poolSize());
		// How the connections are named in pg_stat_activity (a URL's own ApplicationName wins).
		pool.addDataSourceProperty("ApplicationName", "tasklens");
		return new HikariDataSource(pool);
	}
}
