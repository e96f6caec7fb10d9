package app.tasklens.web.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.tasklens.admin.Administration;
import app.tasklens.web.CurrentUser;

/** The admin page's figures as JSON; any other account gets 403. */
@RestController
@Tag(name = "Admin", description = "For the server's admins: accounts and their storage, models health, the labeling"
		+ " queue and its failures")
class AdminController {

	private final Administration administration;

	AdminController(Administration administration) {
		this.administration = administration;
	}

	@GetMapping("/api/admin/overview")
	@Operation(summary = "Accounts with their tasks, images and bytes stored; models health; labeling queue and recent"
			+ " failures", description = "models is null while the models are in place, else what is missing and how to"
					+ " fix it. With tasklens.store=dynamodb, users, queue and failures are empty and unavailable says why.")
	@ApiResponse(responseCode = "200", description = "The overview")
	@ApiResponse(responseCode = "403", ref = OpenApiConfiguration.FORBIDDEN)
	Administration.Overview overview(CurrentUser user) {
		return administration.overview(user.id());
	}
}
