package app.tasklens.web.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import app.tasklens.account.Invitations;
import app.tasklens.account.Invite;
import app.tasklens.account.InvitesOffException;
import app.tasklens.account.SignUpRefusedException;
import app.tasklens.web.CurrentUser;
import app.tasklens.web.InviteLinks;

/** The signed-in user's invite links, while sign-up is by invitation ({@code tasklens.account.sign-up=invite}). */
@RestController
@Tag(name = "Invites", description = "Invite links to sign up with, while sign-up is by invitation")
class InviteController {

	private final Invitations invitations;
	private final Clock clock;

	InviteController(Invitations invitations, Clock clock) {
		this.invitations = invitations;
		this.clock = clock;
	}

	@PostMapping("/api/invites")
	@Operation(summary = "Make an invite link", description = "The answer is the only time the link and its secret"
			+ " are shown: the server keeps a hash of the secret. The link makes one account, until it expires.")
	@ApiResponse(responseCode = "201", description = "The new invite, with its link")
	@ApiResponse(responseCode = "409", ref = OpenApiConfiguration.CONFLICT)
	ResponseEntity<MadeInvite> make(CurrentUser user) {
		Invitations.NewInvite made = invitations.make(user.id());
		String link = InviteLinks.of(made.token());
		InviteJson invite = InviteJson.of(made.invite(), clock.instant());
		return ResponseEntity.status(HttpStatus.CREATED).body(new MadeInvite(invite.id(), link, made.token(), invite.expiresAt()));
	}

	@GetMapping("/api/invites")
	@Operation(summary = "The invite links the signed-in user made, newest first",
			description = "Empty unless sign-up is by invitation. The links themselves are not kept.")
	@ApiResponse(responseCode = "200", description = "The invites")
	List<InviteJson> list(CurrentUser user) {
		Instant now = clock.instant();
		return invitations.madeBy(user.id()).stream().map(invite -> InviteJson.of(invite, now)).toList();
	}

	@DeleteMapping("/api/invites/{id}")
	@Operation(summary = "Revoke an unused invite link")
	@ApiResponse(responseCode = "204", description = "Revoked: the link no longer makes an account")
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = OpenApiConfiguration.CONFLICT)
	ResponseEntity<Void> revoke(@PathVariable String id, CurrentUser user) {
		if (!invitations.revoke(user.id(), id)) {
			return ResponseEntity.of(ApiProblems.problem(HttpStatus.NOT_FOUND,
					"No unused invite link of yours has this id.")).build();
		}
		return ResponseEntity.noContent().build();
	}

	@Schema(description = "A new invite link; `link` and `token` are shown this once")
	record MadeInvite(String id, String link, String token, Instant expiresAt) {
	}

	@Schema(description = "An invite link (without its secret)")
	record InviteJson(String id, Instant createdAt, Instant expiresAt,
			@Schema(allowableValues = { "open", "used", "expired" }) String state,
			@Schema(description = "The username of the account made with it") String usedBy) {

		static InviteJson of(Invite invite, Instant now) {
			return new InviteJson(invite.id(), invite.createdAt(), invite.expiresAt(),
					invite.state(now).name().toLowerCase(java.util.Locale.ROOT), invite.usedBy());
		}
	}

	/** 403 for a sign-up this server does not take, 409 for invites while sign-up is not by invitation. */
	@RestControllerAdvice(basePackageClasses = ApiProblems.class)
	@Order(ApiProblems.ORDER)
	static class SignUpProblems {

		@ExceptionHandler
		ProblemDetail signUpRefused(SignUpRefusedException ex) {
			return ApiProblems.problem(HttpStatus.FORBIDDEN, ex.getMessage());
		}

		@ExceptionHandler
		ProblemDetail invitesOff(InvitesOffException ex) {
			return ApiProblems.problem(HttpStatus.CONFLICT, ex.getMessage());
		}
	}
}
