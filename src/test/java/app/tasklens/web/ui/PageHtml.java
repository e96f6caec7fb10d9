package app.tasklens.web.ui;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * Just enough reading of rendered HTML for the page tests: the start tag of the element with an id, and
 * the text right inside it.
 */
record PageHtml(String html) {

	/** The page that {@code request} answers, once its status is checked. */
	static PageHtml of(MockMvc mvc, RequestBuilder request, int status) throws Exception {
		return new PageHtml(mvc.perform(request).andExpect(status().is(status)).andReturn().getResponse()
			.getContentAsString());
	}

	/** The start tag of the element with this id, e.g. {@code <input type="text" id="new-title" ...>}. */
	String tag(String id) {
		Matcher match = Pattern.compile("<[a-z][a-z0-9]*\\b[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>")
			.matcher(html);
		if (!match.find()) {
			throw new AssertionError("no element with id " + id + " in:\n" + html);
		}
		return match.group();
	}

	/** The text (up to the first child element) of the element with this id, trimmed. */
	String text(String id) {
		int start = html.indexOf(tag(id)) + tag(id).length();
		return html.substring(start, html.indexOf('<', start)).strip();
	}

	/** The value of an attribute of the element with this id, with {@code &amp;} read back as {@code &}. */
	String attribute(String id, String name) {
		Matcher match = Pattern.compile("\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(tag(id));
		if (!match.find()) {
			throw new AssertionError("no " + name + " on " + tag(id));
		}
		return match.group(1).replace("&amp;", "&");
	}

	boolean has(String id) {
		return html.contains(" id=\"" + id + "\"");
	}
}
