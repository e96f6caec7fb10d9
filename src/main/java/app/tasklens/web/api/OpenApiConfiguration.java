package app.tasklens.web.api;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import app.tasklens.web.CurrentUser;

/**
 * The OpenAPI document ({@code /api/docs/openapi.json}) and its Swagger UI ({@code /api/docs}): a bearer
 * scheme that every operation needs unless it says otherwise, and the problem responses that operations
 * refer to by name ({@code @ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)}).
 */
@Configuration(proxyBeanMethods = false)
// The Lambda package leaves springdoc out (template.yaml's functions have no /api/docs).
@ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
class OpenApiConfiguration implements WebMvcConfigurer {

	static {
		// Resolved from the security context, not sent by the client: not a request parameter.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
	}

	static final String BEARER = "bearer";
	static final String BAD_REQUEST = "#/components/responses/BadRequest";
	static final String UNAUTHORIZED = "#/components/responses/Unauthorized";
	static final String FORBIDDEN = "#/components/responses/Forbidden";
	static final String NOT_FOUND = "#/components/responses/NotFound";
	static final String CONFLICT = "#/components/responses/Conflict";
	static final String TOO_LARGE = "#/components/responses/ContentTooLarge";
	static final String UNSUPPORTED_TYPE = "#/components/responses/UnsupportedMediaType";
	static final String UNPROCESSABLE = "#/components/responses/UnprocessableContent";
	static final String TOO_MANY_REQUESTS = "#/components/responses/TooManyRequests";

	private static final String PROBLEM_SCHEMA = "Problem";

	@Bean
	OpenAPI tasklensOpenApi() {
		Components components = new Components()
			.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
				.bearerFormat("JWT").description("A token from POST /api/token"))
			.addSchemas(PROBLEM_SCHEMA, problemSchema());
		Map.of(BAD_REQUEST, "Malformed JSON, or a query parameter that is malformed or out of range",
				UNAUTHORIZED, "Missing, invalid or expired bearer token, or wrong username or password",
				FORBIDDEN, "Not allowed: sign-up closed or by invitation only, or an admin's operation",
				NOT_FOUND, "No such resource for this user",
				CONFLICT, "The username is taken, or the server's settings do not allow this (invite links while"
						+ " sign-up is not by invitation, taking the last admin away)",
				TOO_LARGE, "The JSON body is larger than the limit",
				UNSUPPORTED_TYPE, "The body is not application/json",
				UNPROCESSABLE, "A field breaks a rule; errors lists each field and why",
				TOO_MANY_REQUESTS, "Too many failed sign-ins; retry after Retry-After seconds")
			.forEach((ref, description) -> components.addResponses(ref.substring(ref.lastIndexOf('/') + 1),
					problemResponse(description)));
		return new OpenAPI()
			.info(new Info().title("Tasklens API").version("1")
				.description("Tasks whose attached images are labeled automatically. Every error is an RFC 9457"
						+ " application/problem+json document."))
			.components(components)
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	/**
	 * Springdoc serves the UI's files beside {@code springdoc.swagger-ui.path} ({@code /api/docs/index.html},
	 * so under {@code /api/docs/swagger-ui/}, inside the API chain's open {@code /api/docs/**});
	 * {@code /api/docs} itself leads there.
	 */
	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/api/docs", "/api/docs/index.html");
	}

	/** Operations that need a token (those that do not clear the security requirement) can answer 401. */
	@Bean
	OpenApiCustomizer unauthorizedResponses() {
		return api -> api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
			if (operation.getSecurity() == null || !operation.getSecurity().isEmpty()) {
				operation.getResponses().addApiResponse("401", new ApiResponse().$ref(UNAUTHORIZED));
			}
		}));
	}

	/**
	 * The order of the Swagger UI's sections: what a new client needs first (an account, then tasks and their
	 * images), then the rest; a tag not named here comes after these, by name.
	 */
	static final List<String> TAG_ORDER = List.of("Accounts", "Tasks", "Attachments", "Images", "Uploads", "Labels", "Events",
			"Detect labels", "Access keys", "Invites", "Admin");

	@Bean
	OpenApiCustomizer tagOrder() {
		return api -> {
			if (api.getTags() != null) {
				api.setTags(api.getTags().stream().sorted(Comparator
					.comparingInt((Tag tag) -> TAG_ORDER.contains(tag.getName()) ? TAG_ORDER.indexOf(tag.getName())
							: TAG_ORDER.size())
					.thenComparing(Tag::getName)).toList());
			}
		};
	}

	private static ApiResponse problemResponse(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
	}

	@SuppressWarnings("rawtypes")
	private static Schema problemSchema() {
		Schema<?> fieldError = new ObjectSchema()
			.addProperty("field", new StringSchema().description("body field or query parameter"))
			.addProperty("message", new StringSchema());
		return new ObjectSchema().description("RFC 9457 problem details")
			.addProperty("type", new StringSchema().example("about:blank"))
			.addProperty("title", new StringSchema().example("Unprocessable Content"))
			.addProperty("status", new IntegerSchema().example(422))
			.addProperty("detail", new StringSchema().example("The title can be at most 200 characters long."))
			.addProperty("instance", new StringSchema().example("/api/tasks"))
			.addProperty("errors", new ArraySchema().items(fieldError).description("present for 400, 409 and 422"))
			.required(List.of("type", "title", "status"));
	}
}
