package app.tasklens.web.ui;

import java.util.Locale;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

import app.tasklens.admin.AdminReports;
import app.tasklens.admin.Administration;
import app.tasklens.web.CurrentUser;

/** The admin page: for admins only (others get 403), read from the account on each request. */
@Controller
class AdminPages {

	private final Administration administration;

	AdminPages(Administration administration) {
		this.administration = administration;
	}

	@GetMapping("/admin")
	String admin(CurrentUser user, Model model) {
		Administration.Overview overview = administration.overview(user.id());
		model.addAttribute("user", user).addAttribute("overview", overview)
			.addAttribute("users", overview.users().stream().map(UserRow::of).toList());
		return "admin";
	}

	/** One line of the users table, its storage written for people. */
	record UserRow(String id, String username, String createdOn, boolean admin, long tasks, long images,
			long storedBytes, String stored) {

		static UserRow of(AdminReports.UserUsage usage) {
			return new UserRow(usage.id(), usage.username(), usage.createdAt().toString().substring(0, 10),
					usage.admin(), usage.tasks(), usage.images(), usage.storedBytes(), size(usage.storedBytes()));
		}

		/** Binary units, one decimal from KB on: "0 B", "812 B", "1.5 MB". */
		static String size(long bytes) {
			String[] units = { "KB", "MB", "GB", "TB" };
			if (bytes < 1024) {
				return bytes + " B";
			}
			double value = bytes;
			int unit = -1;
			while (value >= 1024 && unit < units.length - 1) {
				value /= 1024;
				unit++;
			}
			return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
		}
	}

	/**
	 * {@code isAdmin} for the header's "Admin" link on every page: the session's ROLE_ADMIN (given at sign-in
	 * to the admin's account). The page itself checks the account, not this.
	 */
	@ControllerAdvice(basePackageClasses = AdminPages.class)
	static class AdminLink {

		@ModelAttribute("isAdmin")
		boolean isAdmin() {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			return authentication != null && authentication.getAuthorities().stream()
				.anyMatch(authority -> "ROLE_ADMIN".equals(authority.getAuthority()));
		}
	}
}
