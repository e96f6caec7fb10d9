package app.tasklens.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.tasklens.MutableClock;
import app.tasklens.account.User;
import app.tasklens.adapter.jdbc.SqliteStore;
import app.tasklens.labeling.MissingModels;

/**
 * Who may see the overview, and what it says, on the real user store (a SQLite file): with the SQL reports, and
 * without them, as with {@code tasklens.store=dynamodb}, where no {@link AdminReports} bean exists.
 */
class AdministrationTest {

	private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

	@TempDir
	Path dataDir;

	private SqliteStore store;
	private final MissingModels missingModels = new MissingModels();
	private User admin;
	private User bob;

	@BeforeEach
	void open() {
		store = SqliteStore.open(dataDir);
		admin = new User("admin-id", "admin", "{noop}x", NOW, 0, true);
		bob = new User("bob-id", "bob", "{noop}x", NOW.plusSeconds(1));
		store.users().add(admin);
		store.users().add(bob);
	}

	@AfterEach
	void close() {
		store.close();
	}

	private Administration administration(Optional<AdminReports> reports) {
		return new Administration(store.users(), reports, missingModels, new MutableClock(NOW));
	}

	@Test
	void onlyAnAdminsAccountGetsTheOverview() {
		Administration administration = administration(Optional.of(store.adminReports()));

		assertThatThrownBy(() -> administration.overview(bob.id())).isInstanceOf(NotAdminException.class);
		assertThatThrownBy(() -> administration.overview("no-such-user")).isInstanceOf(NotAdminException.class);
		assertThat(administration.overview(admin.id()).users()).extracting(AdminReports.UserUsage::username)
			.containsExactly("admin", "bob");
	}

	@Test
	void missingModelsAreShownWithTheReasonAndSince() {
		missingModels.missing("model yolox is missing: put yolox.onnx in /models", NOW.minusSeconds(60));

		Administration.Overview overview = administration(Optional.of(store.adminReports())).overview(admin.id());

		assertThat(overview.modelsReady()).isFalse();
		assertThat(overview.models()).isEqualTo("model yolox is missing: put yolox.onnx in /models");
		assertThat(overview.modelsMissingSince()).isEqualTo(NOW.minusSeconds(60));
		missingModels.present();
		assertThat(administration(Optional.of(store.adminReports())).overview(admin.id()).modelsReady()).isTrue();
	}

	@Test
	void withoutReportsTheOverviewSaysWhatIsNotAvailableAndStillShowsTheModels() {
		missingModels.missing("model yolox is missing", NOW);

		Administration.Overview overview = administration(Optional.empty()).overview(admin.id());

		assertThat(overview.unavailable()).isEqualTo(Administration.NOT_ON_DYNAMODB)
			.contains("tasklens.store=dynamodb").contains("not available");
		assertThat(overview.users()).isEmpty();
		assertThat(overview.failures()).isEmpty();
		assertThat(overview.queue()).isNull();
		assertThat(overview.models()).isEqualTo("model yolox is missing");
		assertThatThrownBy(() -> administration(Optional.empty()).overview(bob.id()))
			.isInstanceOf(NotAdminException.class);
	}
}
