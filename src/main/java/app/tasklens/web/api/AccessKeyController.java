package app.tasklens.web.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import app.tasklens.account.AccessKeyNotFoundException;
import app.tasklens.account.AccessKeyService;
import app.tasklens.account.TooManyAccessKeysException;
import app.tasklens.web.CurrentUser;

@RestController
@RequestMapping("/api/access-keys")
@Tag(name = "Access keys", description = "Keys for AWS Signature Version 4 clients of the Rekognition-compatible"
		+ " endpoint; another user's key answers 404 like a missing one")
class AccessKeyController {

	private final AccessKeyService keys;

	AccessKeyController(AccessKeyService keys) {
		this.keys = keys;
	}

	/** The secret is in this answer only; it is not cached anywhere on the way. */
	@PostMapping
	@Operation(summary = "Create an access key; the answer is the only time its secret is shown")
	@ApiResponse(responseCode = "201", description = "Created; keep secretAccessKey, it is not shown again")
	@ApiResponse(responseCode = "401", ref = OpenApiConfiguration.UNAUTHORIZED)
	@ApiResponse(responseCode = "409", ref = OpenApiConfiguration.CONFLICT)
	ResponseEntity<NewKey> create(CurrentUser user) {
		AccessKeyService.NewKey key = keys.create(user.id());
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
			.buildAndExpand(key.accessKeyId()).toUri();
		return ResponseEntity.created(location).cacheControl(CacheControl.noStore())
			.body(new NewKey(key.accessKeyId(), key.secretAccessKey(), key.createdAt()));
	}

	@GetMapping
	@Operation(summary = "The signed-in user's access keys, oldest first, without their secrets")
	@ApiResponse(responseCode = "200", description = "The keys")
	@ApiResponse(responseCode = "401", ref = OpenApiConfiguration.UNAUTHORIZED)
	KeyList list(CurrentUser user) {
		return new KeyList(keys.list(user.id()).stream().map(key -> new Key(key.accessKeyId(), key.createdAt())).toList());
	}

	@DeleteMapping("/{accessKeyId}")
	@Operation(summary = "Revoke an access key: requests signed with it are refused from now on")
	@ApiResponse(responseCode = "204", description = "Revoked")
	@ApiResponse(responseCode = "401", ref = OpenApiConfiguration.UNAUTHORIZED)
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	ResponseEntity<Void> revoke(@PathVariable String accessKeyId, CurrentUser user) {
		keys.revoke(user.id(), accessKeyId);
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler
	ProblemDetail notFound(AccessKeyNotFoundException ex) {
		return ApiProblems.problem(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail tooMany(TooManyAccessKeysException ex) {
		return ApiProblems.problem(HttpStatus.CONFLICT, ex.getMessage());
	}

	@Schema(description = "A new access key and its secret, shown this once")
	record NewKey(String accessKeyId, String secretAccessKey, Instant createdAt) {
		@Override
		public String toString() {
			return "NewKey[accessKeyId=" + accessKeyId + "]";
		}
	}

	@Schema(description = "An access key; its secret is never shown again")
	record Key(String accessKeyId, Instant createdAt) {
	}

	record KeyList(List<Key> items) {
	}
}
