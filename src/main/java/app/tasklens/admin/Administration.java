package app.tasklens.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

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

	static final String NOT_ON_DYNAMODB = "Users, storage used, the labeling queue and failures are not available"
			+ " with the DynamoDB store (tasklens.store=dynamodb): it keeps no index across accounts."
			+ " Models health is shown.";

	private final Users users;
	private final Optional<AdminReports> reports;
	private final MissingModels missingModels;
	private final Clock clock;

	Administration(Users users, Optional<AdminReports> reports, MissingModels missingModels, Clock clock) {
		this.users = users;
		this.reports = reports;
		this.missingModels = missingModels;
		this.clock = clock;
	}

	/**
	 * @param models {@code null} while the models are in place, else what is missing and how to fix it
	 * @param unavailable {@code null}, or why users, queue and failures are not shown (they are empty then)
	 */
	public record Overview(String models, Instant modelsMissingSince, List<AdminReports.UserUsage> users,
			AdminReports.LabelingQueue queue, List<AdminReports.LabelingFailure> failures, String unavailable) {

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
		return reports
			.map(store -> new Overview(models, since, store.users(), store.queue(clock.instant()),
					store.recentFailures(RECENT_FAILURES), null))
			.orElseGet(() -> new Overview(models, since, List.of(), null, List.of(), NOT_ON_DYNAMODB));
	}

	/** Whether {@code userId} is an admin's account now; false for an unknown one. */
	public boolean isAdmin(String userId) {
		return users.findById(userId).map(User::admin).orElse(false);
	}

	private void requireAdmin(String userId) {
		if (!isAdmin(userId)) {
			throw new NotAdminException();
		}
	}
}
