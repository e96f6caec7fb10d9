package app.tasklens.web.ui;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.util.Locale;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import app.tasklens.Ids;
import app.tasklens.web.CurrentUser;

/** A user who signed up through the sign-up page, with the session that page started. */
record SignedInUser(MockHttpSession session, CurrentUser user) {

	static final String PASSWORD = "correct horse battery";

	static SignedInUser signUp(MockMvc mvc) throws Exception {
		return signUp(mvc, freshUsername());
	}

	static SignedInUser signUp(MockMvc mvc, String username) throws Exception {
		MvcResult result = mvc
			.perform(post("/signup").with(csrf()).param("username", username).param("password", PASSWORD))
			.andExpect(redirectedUrl("/"))
			.andReturn();
		MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
		SecurityContext context = (SecurityContext) session
			.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		return new SignedInUser(session, (CurrentUser) context.getAuthentication().getPrincipal());
	}

	/** Unique across runs, since the test database outlives a run. */
	static String freshUsername() {
		return "ui-" + Ids.random().toLowerCase(Locale.ROOT);
	}

	String id() {
		return user.id();
	}
}
