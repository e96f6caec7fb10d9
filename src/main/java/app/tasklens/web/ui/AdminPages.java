package app.tasklens.web.ui;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tasklens.admin.AdminReports;
import app.tasklens.admin.Administration;
import app.tasklens.web.CurrentUser;

/** The admin page: for admins only (others get 403), read from the account on each request. */
@Controller
class AdminPages {

	private final Administration administration;
	private final ZoneId zone;

	AdminPages(Administration administration, Clock clock) {
		this.administration = administration;
		this.zone = clock.getZone();
	}

	@GetMapping("/admin")
	String admin(CurrentUser user, Model model, Locale locale) {
		Administration.Overview overview = administration.overview(user.id());
		model.addAttribute("user", user).addAttribute("overview", overview)
			.addAttribute("modelsMissingSince", overview.modelsMissingSince() == null ? null
					: ShownDates.dateTime(overview.modelsMissingSince(), zone, locale))
			.addAttribute("users", overview.users().stream().map(usage -> UserRow.of(usage, zone, locale)).toList())
			.addAttribute("failures", overview.failures().stream()
				.map(failure -> FailureRow.of(failure, zone, locale)).toList());
		return "admin";
	}

	@PostMapping("/admin/users/{id}/admin")
	String setAdmin(CurrentUser user, @PathVariable String id, @RequestParam boolean admin, RedirectAttributes flash) {
		String name = standingChanged(administration.setAdmin(user.id(), id, admin));
		flash.addFlashAttribute("message", admin ? name + " is an admin now." : name + " is no longer an admin.");
		return "redirect:/admin";
	}

	@PostMapping("/admin/users/{id}/disabled")
	String setDisabled(CurrentUser user, @PathVariable String id, @RequestParam boolean disabled,
			RedirectAttributes flash) {
		String name = standingChanged(administration.setDisabled(user.id(), id, disabled));
		flash.addFlashAttribute("message", disabled ? name + " is disabled: signed out everywhere, cannot sign in."
				: name + " can sign in again.");
		return "redirect:/admin";
	}

	private static String standingChanged(Optional<String> username) {
		return username.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** One line of the users table, its storage written for people. */
	record UserRow(String id, String username, String createdOn, boolean admin, boolean disabled, long tasks,
			long images, long storedBytes, String stored) {

		static UserRow of(AdminReports.UserUsage usage, ZoneId zone, Locale locale) {
			return new UserRow(usage.id(), usage.username(), ShownDates.date(usage.createdAt(), zone, locale),
					usage.admin(), usage.disabled(), usage.tasks(), usage.images(), usage.storedBytes(),
					size(usage.storedBytes()));
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

	/** One line of the failures table, its time written for people and for {@code <time datetime>}. */
	record FailureRow(String attachmentId, String username, String filename, String reason, String failedIso,
			String failed) {

		static FailureRow of(AdminReports.LabelingFailure failure, ZoneId zone, Locale locale) {
			return new FailureRow(failure.attachmentId(), failure.username(), failure.filename(), failure.reason(),
					ShownDates.iso(failure.failedAt(), zone), ShownDates.dateTime(failure.failedAt(), zone, locale));
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
