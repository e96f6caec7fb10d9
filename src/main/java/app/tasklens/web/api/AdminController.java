package app.tasklens.web.api;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
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
					+ " fix it.")
	@ApiResponse(responseCode = "200", description = "The overview")
	@ApiResponse(responseCode = "403", ref = OpenApiConfiguration.FORBIDDEN)
	Administration.Overview overview(CurrentUser user) {
		return administration.overview(user.id());
	}

	@PatchMapping("/api/admin/users/{id}")
	@Operation(summary = "Make an account an admin or not, disable it or enable it again",
			description = "Fields left out stay as they are. A disabled account cannot sign in; its sessions and"
					+ " tokens end. An admin cannot change their own account here.")
	@ApiResponse(responseCode = "204", description = "Changed")
	@ApiResponse(responseCode = "403", ref = OpenApiConfiguration.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = OpenApiConfiguration.CONFLICT)
	ResponseEntity<Void> change(CurrentUser user, @PathVariable String id, @RequestBody StandingChange change) {
		Optional<String> found = Optional.of(id);
		if (change.admin() != null) {
			found = administration.setAdmin(user.id(), id, change.admin());
		}
		if (found.isPresent() && change.disabled() != null) {
			found = administration.setDisabled(user.id(), id, change.disabled());
		}
		if (found.isEmpty()) {
			return ResponseEntity.of(ApiProblems.problem(HttpStatus.NOT_FOUND, "There is no account with this id."))
				.build();
		}
		return ResponseEntity.noContent().build();
	}

	@Schema(description = "What to change; a field left out stays as it is")
	record StandingChange(@Schema(nullable = true) Boolean admin, @Schema(nullable = true) Boolean disabled) {
	}
}
