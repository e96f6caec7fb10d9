package app.tasklens.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What selects PostgreSQL, and the settings refused before any connection is tried. */
class DatabaseSettingsTest {

	@Test
	void noUrlKeepsSqliteAndAJdbcUrlSelectsPostgresql() {
		assertThat(new DatabaseSettings(null, null, null, 10).postgres()).isFalse();
		assertThat(new DatabaseSettings(" ", null, null, 10).postgres()).isFalse();
		assertThat(new DatabaseSettings("jdbc:postgresql://db:5432/tasklens", "tasklens", "secret", 10).postgres())
			.isTrue();
	}

	@Test
	void anotherKindOfUrlIsRefusedWithoutRepeatingItsPassword() {
		assertThatThrownBy(() -> new DatabaseSettings("postgres://ada:s3cret@db/tasklens", null, null, 10))
			.hasMessageContaining("jdbc:postgresql://localhost:5432/tasklens")
			.hasMessageNotContaining("s3cret");
		assertThatThrownBy(() -> new DatabaseSettings("jdbc:mysql://db/tasklens?password=s3cret", null, null, 10))
			.hasMessageContaining("TASKLENS_DATABASE_URL")
			.hasMessageNotContaining("s3cret");
	}

	@Test
	void aPoolOfOneIsRefusedSinceFlywayNeedsTwo() {
		assertThatThrownBy(() -> new DatabaseSettings("jdbc:postgresql://db/tasklens", null, null, 1))
			.hasMessageContaining("at least 2");
	}
}
