package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import app.tasklens.web.api.ApiIntegrationTest;
import app.tasklens.task.Task;
import app.tasklens.task.TaskQuery;
import app.tasklens.task.TaskService;

/** The pages' defences: sign-in required, CSRF tokens, escaping, owner isolation, no inline script. */
@ApiIntegrationTest
class UiSecurityTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	TaskService tasks;

	@Test
	void myTasksSendsStrangersToSignIn() throws Exception {
		mvc.perform(get("/")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
	}

	@Test
	void formPostWithoutCsrfTokenIsForbiddenAndChangesNothing() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);

		mvc.perform(post("/tasks").session(alice.session()).param("title", "forged"))
			.andExpect(status().isForbidden());

		assertThat(tasks.list(alice.id(), TaskQuery.firstPage(10)).items()).isEmpty();
	}

	@Test
	void scriptInTitleRendersAsText() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		mvc.perform(post("/tasks").session(alice.session()).with(csrf())
			.param("title", "<script>alert(1)</script>")
			.param("body", "<img src=x onerror=alert(2)>"));

		String page = mvc.perform(get("/").session(alice.session())).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();

		assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.contains("&lt;img src=x onerror=alert(2)&gt;")
			.doesNotContain("<script>alert(1)")
			.doesNotContain("<img src=x");
	}

	@Test
	void anotherUsersTaskIsNotFoundAndStaysUnchanged() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		SignedInUser bob = SignedInUser.signUp(mvc);
		Task task = tasks.create(alice.id(), "Alice's task", "private", LocalDate.of(2030, 1, 1));
		String path = "/tasks/" + task.id();

		for (String page : new String[] { path + "/edit", path + "/delete", path }) {
			mvc.perform(get(page).session(bob.session())).andExpect(status().isNotFound());
		}
		mvc.perform(post(path).session(bob.session()).with(csrf()).param("title", "taken over"))
			.andExpect(status().isNotFound());
		mvc.perform(post(path + "/done").session(bob.session()).with(csrf()).param("done", "true"))
			.andExpect(status().isNotFound());
		mvc.perform(post(path + "/delete").session(bob.session()).with(csrf())).andExpect(status().isNotFound());

		Task after = tasks.get(alice.id(), task.id());
		assertThat(after.title()).isEqualTo("Alice's task");
		assertThat(after.done()).isFalse();
	}

	@Test
	void notFoundPageLooksLikeAMissingTask() throws Exception {
		SignedInUser bob = SignedInUser.signUp(mvc);

		String page = mvc.perform(get("/tasks/AAAAAAAAAAAAAAAAAAAAAA/edit").session(bob.session()))
			.andExpect(status().isNotFound())
			.andReturn().getResponse().getContentAsString();

		assertThat(page).contains("Task not found");
	}

	@Test
	void contentSecurityPolicyForbidsInlineScript() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		for (RequestBuilder request : List.of(get("/login"), get("/").session(alice.session()))) {
			String policy = mvc.perform(request).andReturn().getResponse().getHeader("Content-Security-Policy");

			assertThat(policy).isNotNull();
			String scriptSrc = Arrays.stream(policy.split(";"))
				.map(String::strip)
				.filter(directive -> directive.startsWith("script-src"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no script-src in " + policy));
			assertThat(scriptSrc).contains("'self'").doesNotContain("'unsafe-inline'").doesNotContain("'unsafe-eval'");
		}
	}

	@Test
	void everyPageLinksToTheApiDocumentationInItsFooter() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		for (RequestBuilder request : List.of(get("/login"), get("/signup"), get("/").session(alice.session()),
				get("/account").session(alice.session()))) {
			String page = mvc.perform(request).andReturn().getResponse().getContentAsString();

			assertThat(page).containsPattern("<footer class=\"site-footer\">\\s*<a id=\"api-docs-link\" href=\"/api/docs\">");
		}
	}
}
