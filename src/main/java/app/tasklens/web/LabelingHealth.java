package app.tasklens.web;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import app.tasklens.labeling.MissingModels;

/**
 * {@code labeling} in {@code /actuator/health}: UP, or PAUSED while the detector is missing its models, with
 * the operator's reason among the details (shown to admins only). PAUSED is not in the status order, so the
 * server as a whole stays UP: it serves everything else, and a load balancer must not take it out.
 */
@Component("labeling")
class LabelingHealth implements HealthIndicator {

	static final Status PAUSED = new Status("PAUSED", "labeling is paused: the server is missing its models");

	private final MissingModels missingModels;

	LabelingHealth(MissingModels missingModels) {
		this.missingModels = missingModels;
	}

	@Override
	public Health health() {
		return missingModels.condition()
			.map(condition -> Health.status(PAUSED).withDetail("reason", condition.reason())
				.withDetail("since", condition.since().toString()).build())
			.orElseGet(() -> Health.up().build());
	}
}
