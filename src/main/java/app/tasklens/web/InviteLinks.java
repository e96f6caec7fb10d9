package app.tasklens.web;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The address an invite link's secret is shared as: this server's sign-up page, as the request reached it. */
public final class InviteLinks {

	private InviteLinks() {
	}

	/** Within a request only (behind a trusted proxy, its forwarded host and scheme). */
	public static String of(String token) {
		return ServletUriComponentsBuilder.fromCurrentContextPath().path("/signup").queryParam("invite", token)
			.toUriString();
	}
}
