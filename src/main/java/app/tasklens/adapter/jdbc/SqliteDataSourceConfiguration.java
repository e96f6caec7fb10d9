package app.tasklens.adapter.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;


import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in the data directory.
 *
 * <p>WAL lets readers run beside the one writer; {@code BEGIN IMMEDIATE} takes the write lock at the start
 * of every transaction so that two transactions never deadlock upgrading a read lock, and the busy timeout
 * makes a second writer wait instead of failing. {@code synchronous=NORMAL} in WAL mode survives a killed
 * process (the WAL is in the OS cache); only a power cut can lose the last commits.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tasklens.store", havingValue = "sqlite", matchIfMissing = true)
class SqliteDataSourceConfiguration {

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(@Value("${tasklens.data-dir}") Path dataDir) {
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

}
