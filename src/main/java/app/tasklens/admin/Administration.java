package app.tasklens.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import app.tasklens.account.AccountStanding;
import app.tasklens.account.User;
import app.tasklens.account.Users;
import app.tasklens.labeling.MissingModels;

/**
 * What the admin page shows. Whether someone is an admin is read from the account on every call, not from
 * the session or token, so a session made before a change does not keep the right.
 */
@Service
public class Administration {

	/** Failures listed on the page: enough to see a pattern, few enough to read. */
	static final int RECENT_FAILURES = 20;

	private final Users users;
	private final AccountStanding standing;
	private final AdminReports reports;
	private final MissingModels missingModels;
	private final Clock clock;

	Administration(Users users, AccountStanding standing, AdminReports reports, MissingModels missingModels,
			Clock clock) {
		this.users = users;
		this.standing = standing;
		this.reports = reports;
		this.missingModels = missingModels;
		this.clock = clock;
	}

	/**
	 * @param models {@code null} while the models are in place, else what is missing and how to fix it
	 */
	public record Overview(String models, Instant modelsMissingSince, List<AdminReports.UserUsage> users,
			AdminReports.LabelingQueue queue, List<AdminReports.LabelingFailure> failures) {

		public boolean modelsReady() {
			return models == null;
		}
	}

	/** @throws NotAdminException unless {@code userId} is an admin's account */
	public Overview overview(String userId) {
		requireAdmin(userId);
		Optional<MissingModels.Condition> missing = missingModels.condition();
		String models = missing.map(MissingModels.Condition::reason).orElse(null);
		Instant since = missing.map(MissingModels.Condition::since).orElse(null);
		return new Overview(models, since, reports.users(), reports.queue(clock.instant()),
				reports.recentFailures(RECENT_FAILURES));
	}

	/**
	 * Makes {@code userId} an admin or takes the right away. An admin cannot take their own away, so a server
	 * always keeps one.
	 *
	 * @throws NotAdminException unless {@code adminId} is an admin's account
	 * @throws OwnAccountException when {@code userId} is the admin's own account
	 * @return the account's username; empty when there is no such account
	 */
	public Optional<String> setAdmin(String adminId, String userId, boolean admin) {
		requireOther(adminId, userId);
		return standing.setAdmin(userId, admin).map(User::username);
	}

	/**
	 * Disables an account (it cannot sign in; its sessions and tokens end) or enables it again.
	 *
	 * @throws NotAdminException unless {@code adminId} is an admin's account
	 * @throws OwnAccountException when {@code userId} is the admin's own account
	 * @return the account's username; empty when there is no such account
	 */
	public Optional<String> setDisabled(String adminId, String userId, boolean disabled) {
		requireOther(adminId, userId);
		return standing.setDisabled(userId, disabled).map(User::username);
	}

	private void requireOther(String adminId, String userId) {
		requireAdmin(adminId);
		if (adminId.equals(userId)) {
			throw new OwnAccountException();
		}
	}

	/** Whether {@code userId} is an admin's account now; false for an unknown one. */
	public boolean isAdmin(String userId) {
		return users.findById(userId).filter(user -> !user.disabled()).map(User::admin).orElse(false);
	}

	private void requireAdmin(String userId) {
		if (!isAdmin(userId)) {
			throw new NotAdminException();
		}
	}
}
