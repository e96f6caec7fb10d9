package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import app.tasklens.task.TaskService;
import app.tasklens.web.api.ApiIntegrationTest;

/**
 * The admin page through the real security chain on the shared application: 403 for everyone but an admin,
 * the header's link only for admins, and each user's figures. An admin is made by the {@code users.admin} flag
 * (the first account of the shared server belongs to whichever test ran first), then signs in again.
 */
@ApiIntegrationTest
class AdminPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TaskService tasks;

	@Test
	void aUserWhoIsNotAnAdminGets403AndNoLink() throws Exception {
		SignedInUser bob = notAdmin(SignedInUser.signUp(mvc));

		String page = mvc.perform(get("/admin").session(bob.session())).andExpect(status().isForbidden()).andReturn()
			.getResponse().getContentAsString();

		assertThat(page).contains("Only an admin can see this.").doesNotContain("id=\"users\"");
		assertThat(home(bob.session())).doesNotContain("id=\"admin-link\"");
	}

	@Test
	void theAdminSeesTheLinkAndEveryUserWithTasksAndStorage() throws Exception {
		SignedInUser bob = notAdmin(SignedInUser.signUp(mvc));
		tasks.create(bob.id(), "One", "", null);
		tasks.create(bob.id(), "Two", "", null);
		SignedInUser admin = SignedInUser.signUp(mvc);
		jdbc.sql("UPDATE users SET admin = TRUE WHERE id = ?").param(admin.id()).update();
		MockHttpSession session = signIn(admin.user().username());

		assertThat(home(session)).contains("id=\"admin-link\"");
		PageHtml page = new PageHtml(mvc.perform(get("/admin").session(session)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString());

		assertThat(page.text("models-status")).isEqualTo("Ready: labeling runs.");
		assertThat(row(page, bob.user().username())).contains("user-tasks\">2<").contains("user-images\">0<")
			.contains(">0 B<").doesNotContain("(admin)");
		assertThat(row(page, admin.user().username())).contains("(admin)").contains("user-tasks\">0<");
		assertThat(page.has("queue-length")).isTrue();

		String german = mvc.perform(get("/admin").session(session).header("Accept-Language", "de-DE")).andReturn()
			.getResponse().getContentAsString();
		assertThat(row(new PageHtml(german), bob.user().username())).as("the date in the reader's locale")
			.containsPattern("class=\"date\">\\d\\d\\.\\d\\d\\.\\d{4}<");
	}

	@Test
	void theAdminDisablesAUserWhoseSessionEndsAndMakesThemAnAdminWithTheButtonsOfTheirRow() throws Exception {
		SignedInUser bob = notAdmin(SignedInUser.signUp(mvc));
		SignedInUser admin = SignedInUser.signUp(mvc);
		jdbc.sql("UPDATE users SET admin = TRUE WHERE id = ?").param(admin.id()).update();
		MockHttpSession session = signIn(admin.user().username());
		String name = bob.user().username();
		PageHtml page = new PageHtml(mvc.perform(get("/admin").session(session)).andReturn().getResponse()
			.getContentAsString());
		assertThat(page.text("disable-" + name)).isEqualTo("Disable");
		assertThat(page.has("admin-" + admin.user().username())).as("no buttons for one's own account").isFalse();

		mvc.perform(post("/admin/users/" + bob.id() + "/disabled").session(session).with(csrf()).param("disabled", "true"))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("message", name + " is disabled: signed out everywhere, cannot sign in."));

		mvc.perform(get("/").session(bob.session())).andExpect(status().is3xxRedirection());
		mvc.perform(post("/login").with(csrf()).param("username", name).param("password", SignedInUser.PASSWORD))
			.andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login?error"));
		assertThat(row(page(session), name)).contains("(disabled)").contains(">Enable<");

		mvc.perform(post("/admin/users/" + bob.id() + "/admin").session(session).with(csrf()).param("admin", "true"))
			.andExpect(flash().attribute("message", name + " is an admin now."));
		mvc.perform(post("/admin/users/" + admin.id() + "/admin").session(session).with(csrf()).param("admin", "false"))
			.andExpect(status().isConflict());
		mvc.perform(post("/admin/users/" + bob.id() + "/disabled").session(bob.session()).with(csrf())
			.param("disabled", "false")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
		assertThat(row(page(session), name)).contains("(admin)").contains("(disabled)");
	}

	@Test
	void aSizeIsWrittenInBinaryUnits() {
		assertThat(AdminPages.UserRow.size(0)).isEqualTo("0 B");
		assertThat(AdminPages.UserRow.size(1023)).isEqualTo("1023 B");
		assertThat(AdminPages.UserRow.size(1536)).isEqualTo("1.5 KB");
		assertThat(AdminPages.UserRow.size(15L * 1024 * 1024)).isEqualTo("15.0 MB");
	}

	/** Bob may be the shared server's first account, which sign-up makes an admin: not here, in a new session. */
	private SignedInUser notAdmin(SignedInUser user) throws Exception {
		jdbc.sql("UPDATE users SET admin = FALSE WHERE id = ?").param(user.id()).update();
		return new SignedInUser(signIn(user.user().username()), user.user());
	}

	/** The users table's row of {@code username}, as HTML. */
	private static String row(PageHtml page, String username) {
		String html = page.html();
		int start = html.indexOf("id=\"user-" + username + "\"");
		assertThat(start).as("a row for %s", username).isPositive();
		return html.substring(start, html.indexOf("</tr>", start));
	}

	private MockHttpSession signIn(String username) throws Exception {
		return (MockHttpSession) mvc.perform(post("/login").with(csrf()).param("username", username)
			.param("password", SignedInUser.PASSWORD)).andReturn().getRequest().getSession(false);
	}

	private PageHtml page(MockHttpSession session) throws Exception {
		return new PageHtml(mvc.perform(get("/admin").session(session)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString());
	}

	private String home(MockHttpSession session) throws Exception {
		return mvc.perform(get("/").session(session)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
	}
}
