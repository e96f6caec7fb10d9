package app.tasklens.web.api;

import java.net.URI;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import app.tasklens.account.AccountService;
import app.tasklens.account.CloseAccount;
import app.tasklens.account.TokenService;
import app.tasklens.account.User;
import app.tasklens.account.Users;
import app.tasklens.web.CurrentUser;

@RestController
@Tag(name = "Accounts", description = "Sign up, get a bearer token, change the password, delete the account")
class AccountController {

	private final AccountService accounts;
	private final TokenService tokens;
	private final Users users;
	private final CloseAccount closeAccount;

	AccountController(AccountService accounts, TokenService tokens, Users users, CloseAccount closeAccount) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.users = users;
		this.closeAccount = closeAccount;
	}

	@PostMapping("/api/users")
	@SecurityRequirements
	@Operation(summary = "Create an account", description = "Open to anyone, by invitation only (with the secret"
			+ " of an invite link in `invite`) or closed, as `tasklens.account.sign-up` says; the first account of a"
			+ " server can always be made and is its admin.")
	@ApiResponse(responseCode = "201", description = "Created; Location is the account")
	@ApiResponse(responseCode = "403", ref = OpenApiConfiguration.FORBIDDEN)
	@ApiResponse(responseCode = "409", ref = OpenApiConfiguration.CONFLICT)
	@ApiResponse(responseCode = "422", ref = OpenApiConfiguration.UNPROCESSABLE)
	ResponseEntity<Account> signUp(@RequestBody Credentials credentials) {
		User user = accounts.signUp(credentials.username(), credentials.password(), credentials.invite());
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(user.id()).toUri();
		return ResponseEntity.created(location).body(Account.of(user));
	}

	/** The account of the signed-in user; any other id answers 404, so ids of others cannot be probed. */
	@GetMapping("/api/users/{id}")
	@Operation(summary = "The signed-in user's account")
	@ApiResponse(responseCode = "200", description = "The account")
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	ResponseEntity<Account> account(@PathVariable String id, CurrentUser user) {
		return users.findById(user.id())
			.filter(account -> account.id().equals(id))
			.map(account -> ResponseEntity.ok(Account.of(account)))
			.orElseGet(() -> ResponseEntity.of(ApiProblems.problem(HttpStatus.NOT_FOUND, "user not found")).build());
	}

	@PostMapping("/api/token")
	@SecurityRequirements
	@Operation(summary = "Exchange username and password for a bearer token",
			description = "Wrong passwords are counted per username and client address, and failures per client"
					+ " address; past a limit the answer is 429 with Retry-After and a detail in words.")
	@ApiResponse(responseCode = "200", description = "A signed token and when it expires")
	@ApiResponse(responseCode = "401", ref = OpenApiConfiguration.UNAUTHORIZED)
	@ApiResponse(responseCode = "422", ref = OpenApiConfiguration.UNPROCESSABLE)
	@ApiResponse(responseCode = "429", ref = OpenApiConfiguration.TOO_MANY_REQUESTS)
	IssuedToken token(@Valid @RequestBody SignIn signIn, HttpServletRequest request) {
		User user = accounts.authenticate(signIn.username(), signIn.password(), request.getRemoteAddr());
		TokenService.Token token = tokens.issue(user);
		return new IssuedToken(token.token(), token.expiresAt());
	}

	@PutMapping("/api/users/me/password")
	@Operation(summary = "Change the signed-in user's password",
			description = "Every token and session of the account stops working, this token too; the answer is a new"
					+ " token. A wrong current password counts as a failed sign-in.")
	@ApiResponse(responseCode = "200", description = "The password changed; a new token")
	@ApiResponse(responseCode = "401", ref = OpenApiConfiguration.UNAUTHORIZED)
	@ApiResponse(responseCode = "422", ref = OpenApiConfiguration.UNPROCESSABLE)
	@ApiResponse(responseCode = "429", ref = OpenApiConfiguration.TOO_MANY_REQUESTS)
	IssuedToken changePassword(@Valid @RequestBody PasswordChange change, CurrentUser user, HttpServletRequest request) {
		User changed = accounts.changePassword(user.id(), change.currentPassword(), change.newPassword(),
				request.getRemoteAddr());
		TokenService.Token token = tokens.issue(changed);
		return new IssuedToken(token.token(), token.expiresAt());
	}

	@DeleteMapping("/api/users/me")
	@Operation(summary = "Delete the signed-in user's account",
			description = "With its tasks, attachments and their files; every token and session of it stops working.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "401", ref = OpenApiConfiguration.UNAUTHORIZED)
	@ApiResponse(responseCode = "422", ref = OpenApiConfiguration.UNPROCESSABLE)
	@ApiResponse(responseCode = "429", ref = OpenApiConfiguration.TOO_MANY_REQUESTS)
	ResponseEntity<Void> close(@Valid @RequestBody Confirmation confirmation, CurrentUser user,
			HttpServletRequest request) {
		closeAccount.close(user.id(), confirmation.currentPassword(), request.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	@Schema(description = "The password now and the one to have from now on")
	record PasswordChange(@NotNull(message = "is required") String currentPassword,
			@NotNull(message = "is required") @Schema(description = "At least 10 characters, at most 72 bytes in UTF-8")
			String newPassword) {

		@Override
		public String toString() {
			return "PasswordChange[]";
		}
	}

	@Schema(description = "The account's password, to confirm a change that cannot be undone")
	record Confirmation(@NotNull(message = "is required") String currentPassword) {

		@Override
		public String toString() {
			return "Confirmation[]";
		}
	}

	@Schema(description = "A new account")
	record Credentials(
			@Schema(description = "3–64 letters, digits, '.', '_' or '-'; unique regardless of case",
					example = "alice", minLength = 3, maxLength = 64, pattern = "[A-Za-z0-9._-]{3,64}",
					requiredMode = Schema.RequiredMode.REQUIRED) String username,
			@Schema(description = "At least 10 characters, at most 72 bytes in UTF-8", minLength = 10,
					example = "correct horse battery", requiredMode = Schema.RequiredMode.REQUIRED) String password,
			@Schema(description = "The secret of an invite link (its `invite` parameter); needed only while sign-up"
					+ " is by invitation", requiredMode = Schema.RequiredMode.NOT_REQUIRED) String invite) {

		@Override
		public String toString() {
			return "Credentials[username=" + username + "]";
		}
	}

	/** A sign-in without both fields is malformed, so it is refused before it counts as a failed attempt. */
	@Schema(description = "Username and password of an existing account")
	record SignIn(@NotNull(message = "is required") @Schema(example = "alice") String username,
			@NotNull(message = "is required") @Schema(example = "correct horse battery") String password) {

		@Override
		public String toString() {
			return "SignIn[username=" + username + "]";
		}
	}

	@Schema(description = "An account; the password is never returned")
	record Account(String id, String username, Instant createdAt) {

		static Account of(User user) {
			return new Account(user.id(), user.username(), user.createdAt());
		}
	}

	@Schema(description = "Send as 'Authorization: Bearer <token>' until expiresAt")
	record IssuedToken(String token, Instant expiresAt) {
	}
}
