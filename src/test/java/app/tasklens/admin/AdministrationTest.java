package app.tasklens.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.tasklens.MutableClock;
import app.tasklens.account.AccountStanding;
import app.tasklens.account.TokenGenerations;
import app.tasklens.account.User;
import app.tasklens.adapter.jdbc.SqliteStore;
import app.tasklens.labeling.MissingModels;

/**
 * Who may see the overview, and what it says, on the real user store (a SQLite file) with the SQL reports; what
 * the reports count is {@code AdminReportsContract}'s, on every store.
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

	private Administration administration(AdminReports reports) {
		MutableClock clock = new MutableClock(NOW);
		return new Administration(store.users(), new AccountStanding(store.users(), new TokenGenerations(store.users(),
				clock)), reports, missingModels, clock);
	}

	@Test
	void onlyAnAdminsAccountGetsTheOverview() {
		Administration administration = administration(store.adminReports());

		assertThatThrownBy(() -> administration.overview(bob.id())).isInstanceOf(NotAdminException.class);
		assertThatThrownBy(() -> administration.overview("no-such-user")).isInstanceOf(NotAdminException.class);
		assertThat(administration.overview(admin.id()).users()).extracting(AdminReports.UserUsage::username)
			.containsExactly("admin", "bob");
	}

	@Test
	void missingModelsAreShownWithTheReasonAndSince() {
		missingModels.missing("model yolox is missing: put yolox.onnx in /models", NOW.minusSeconds(60));

		Administration.Overview overview = administration(store.adminReports()).overview(admin.id());

		assertThat(overview.modelsReady()).isFalse();
		assertThat(overview.models()).isEqualTo("model yolox is missing: put yolox.onnx in /models");
		assertThat(overview.modelsMissingSince()).isEqualTo(NOW.minusSeconds(60));
		missingModels.present();
		assertThat(administration(store.adminReports()).overview(admin.id()).modelsReady()).isTrue();
	}

	@Test
	void anAdminMakesAndUnmakesAdminsAndDisablesOthersButNotThemselves() {
		Administration administration = administration(store.adminReports());

		assertThat(administration.setAdmin(admin.id(), bob.id(), true)).contains("bob");
		assertThat(administration.isAdmin(bob.id())).isTrue();
		assertThat(administration.setAdmin(bob.id(), admin.id(), false)).as("a second admin may").contains("admin");
		assertThat(administration.isAdmin(admin.id())).isFalse();
		assertThatThrownBy(() -> administration.setAdmin(admin.id(), bob.id(), false))
			.isInstanceOf(NotAdminException.class);

		assertThatThrownBy(() -> administration.setAdmin(bob.id(), bob.id(), false)).isInstanceOf(OwnAccountException.class);
		assertThatThrownBy(() -> administration.setDisabled(bob.id(), bob.id(), true))
			.isInstanceOf(OwnAccountException.class);
		assertThat(administration.setDisabled(bob.id(), "no-such-user", true)).isEmpty();

		long generation = store.users().findById(admin.id()).orElseThrow().tokenGeneration();
		assertThat(administration.setDisabled(bob.id(), admin.id(), true)).contains("admin");
		User disabled = store.users().findById(admin.id()).orElseThrow();
		assertThat(disabled.disabled()).isTrue();
		assertThat(disabled.tokenGeneration()).as("its tokens and sessions end").isEqualTo(generation + 1);
		assertThat(administration.overview(bob.id()).users()).filteredOn(AdminReports.UserUsage::disabled)
			.extracting(AdminReports.UserUsage::username).containsExactly("admin");
		administration.setDisabled(bob.id(), admin.id(), false);
		assertThat(store.users().findById(admin.id()).orElseThrow().disabled()).isFalse();
	}
}
