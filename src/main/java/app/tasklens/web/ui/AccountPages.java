package app.tasklens.web.ui;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tasklens.account.AccessKeyNotFoundException;
import app.tasklens.account.AccessKeyService;
import app.tasklens.account.AccountService;
import app.tasklens.account.CloseAccount;
import app.tasklens.account.InvalidAccountException;
import app.tasklens.account.TooManyAccessKeysException;
import app.tasklens.account.Invitations;
import app.tasklens.account.SignUpMode;
import app.tasklens.account.SignUpRefusedException;
import app.tasklens.account.User;
import app.tasklens.account.UsernameTakenException;
import app.tasklens.web.CurrentUser;
import app.tasklens.web.InviteLinks;
import app.tasklens.web.SessionUsers;

/**
 * Sign-up and the sign-in page. Spring Security's form login handles {@code POST /login} and
 * {@code POST /logout}; this class only renders the form and its outcome.
 */
@Controller
class AccountPages {

	/** Where the sign-in failure handler leaves the throttling message for the next page. */
	static final String SIGN_IN_ERROR = "signInError";

	private final AccountService accounts;
	private final CloseAccount closeAccount;
	private final AccessKeyService accessKeys;
	private final Invitations invitations;
	private final Clock clock;
	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
	/** The same session storage the UI filter chain reads the signed-in user from. */
	private final SecurityContextRepository contextRepository = new HttpSessionSecurityContextRepository();

	AccountPages(AccountService accounts, CloseAccount closeAccount, Invitations invitations, Clock clock,
			AccessKeyService accessKeys) {
		this.accounts = accounts;
		this.clock = clock;
		this.closeAccount = closeAccount;
		this.accessKeys = accessKeys;
		this.invitations = invitations;
	}

	@GetMapping("/account")
	String account(CurrentUser user, Model model) {
		accountModel(user, Map.of(), model);
		return "account";
	}

	private void accountModel(CurrentUser user, Map<String, String> errors, Model model) {
		model.addAttribute("user", user).addAttribute("errors", errors)
			.addAttribute("invitesOn", invitations.mode() == SignUpMode.INVITE)
			.addAttribute("invites", InviteRow.of(invitations.madeBy(user.id()), clock))
			.addAttribute("accessKeys", accessKeys.list(user.id()));
	}

	/**
	 * The new key's secret is on this answer only (not a redirect: a flash attribute would keep it in the
	 * session), which no cache keeps.
	 */
	@PostMapping("/account/access-keys")
	String createAccessKey(CurrentUser user, Model model, HttpServletResponse response) {
		try {
			model.addAttribute("newKey", accessKeys.create(user.id()));
		}
		catch (TooManyAccessKeysException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			accountModel(user, Map.of("accessKeys", ex.getMessage()), model);
			return "account";
		}
		response.setHeader("Cache-Control", "no-store");
		accountModel(user, Map.of(), model);
		return "account";
	}

	@PostMapping("/account/access-keys/{accessKeyId}/revoke")
	String revokeAccessKey(CurrentUser user, @PathVariable String accessKeyId, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			accessKeys.revoke(user.id(), accessKeyId);
		}
		catch (AccessKeyNotFoundException ex) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			accountModel(user, Map.of("accessKeys", "You have no access key " + accessKeyId + "."), model);
			return "account";
		}
		redirect.addFlashAttribute("message", "Access key " + accessKeyId + " has been revoked.");
		return "redirect:/account";
	}

	/** The link is shown this once: only its hash is kept. */
	@PostMapping("/account/invites")
	String makeInvite(CurrentUser user, RedirectAttributes redirect) {
		Invitations.NewInvite made = invitations.make(user.id());
		redirect.addFlashAttribute("inviteLink", InviteLinks.of(made.token()));
		redirect.addFlashAttribute("message", "Invite link made. Copy it now: it is shown only once.");
		return "redirect:/account#invites";
	}

	@PostMapping("/account/invites/{id}/revoke")
	String revokeInvite(CurrentUser user, @PathVariable String id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("message", invitations.revoke(user.id(), id) ? "The invite link has been revoked."
				: "That invite link was used already or is gone.");
		return "redirect:/account#invites";
	}

	/** The other sessions and tokens end; this session goes on, signed in again under the new generation. */
	@PostMapping("/account/password")
	String changePassword(CurrentUser user, @RequestParam(defaultValue = "") String currentPassword,
			@RequestParam(defaultValue = "") String newPassword, Model model, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		User changed;
		try {
			changed = accounts.changePassword(user.id(), currentPassword, newPassword, request.getRemoteAddr());
		}
		catch (InvalidAccountException ex) {
			return accountRefused(user, ex.errors(), model, response);
		}
		signIn(changed, request, response);
		redirect.addFlashAttribute("message", "Your password has been changed.");
		return "redirect:/account";
	}

	@PostMapping("/account/delete")
	String close(CurrentUser user, @RequestParam(defaultValue = "") String currentPassword, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		try {
			closeAccount.close(user.id(), currentPassword, request.getRemoteAddr());
		}
		catch (InvalidAccountException ex) {
			return accountRefused(user, Map.of("deletePassword", ex.getMessage()), model, response);
		}
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		contexts.clearContext();
		return "redirect:/login?deleted";
	}

	private String accountRefused(CurrentUser user, Map<String, String> errors, Model model,
			HttpServletResponse response) {
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		accountModel(user, errors, model);
		return "account";
	}

	@GetMapping("/login")
	String signIn(@RequestParam(required = false) String error, @RequestParam(required = false) String throttled,
			@RequestParam(required = false) String signedOut, @RequestParam(required = false) String deleted,
			HttpSession session, Model model) {
		if (throttled != null) {
			Object reason = session.getAttribute(SIGN_IN_ERROR);
			session.removeAttribute(SIGN_IN_ERROR);
			model.addAttribute("error", reason == null ? "Too many failed sign-ins. Try again later." : reason);
		}
		else if (error != null) {
			model.addAttribute("error", "Wrong username or password.");
		}
		else if (signedOut != null) {
			model.addAttribute("message", "You have signed out.");
		}
		else if (deleted != null) {
			model.addAttribute("message", "Your account and everything in it have been deleted.");
		}
		model.addAttribute("signUpOpen", accounts.signUpMode() == SignUpMode.OPEN);
		return "login";
	}

	/** A closed sign-up, or one by invitation without a usable link, says so instead of showing the form. */
	@GetMapping("/signup")
	String signUpForm(@RequestParam(required = false) String invite, Model model, HttpServletResponse response) {
		SignUpMode mode = accounts.signUpMode();
		String refused = switch (mode) {
			case OPEN -> null;
			case CLOSED -> SignUpRefusedException.CLOSED;
			case INVITE -> invite == null || invite.isBlank() ? SignUpRefusedException.INVITE_REQUIRED
					: invitations.usable(invite) ? null : SignUpRefusedException.INVITE_UNUSABLE;
		};
		if (refused != null) {
			response.setStatus(HttpStatus.FORBIDDEN.value());
			model.addAttribute("refused", refused);
			return "signup";
		}
		model.addAttribute("form", new SignUpForm("", "", mode == SignUpMode.INVITE ? invite : null))
			.addAttribute("errors", Map.of());
		return "signup";
	}

	@PostMapping("/signup")
	String signUp(SignUpForm form, Model model, HttpServletRequest request, HttpServletResponse response) {
		User user;
		try {
			user = accounts.signUp(form.username(), form.password(), form.invite());
		}
		catch (SignUpRefusedException ex) {
			response.setStatus(HttpStatus.FORBIDDEN.value());
			model.addAttribute("refused", ex.getMessage());
			return "signup";
		}
		catch (InvalidAccountException ex) {
			return signUpRefused(form, ex.errors(), model, response);
		}
		catch (UsernameTakenException ex) {
			return signUpRefused(form, Map.of("username", ex.getMessage()), model, response);
		}
		signIn(user, request, response);
		return "redirect:/";
	}

	private static String signUpRefused(SignUpForm form, Map<String, String> errors, Model model,
			HttpServletResponse response) {
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		model.addAttribute("form", form).addAttribute("errors", errors);
		return "signup";
	}

	/**
	 * Signs the new user in as the sign-in form would. The session of the anonymous visit is dropped so that
	 * the signed-in one has a new id and a new CSRF token (no session fixation).
	 */
	private void signIn(User user, HttpServletRequest request, HttpServletResponse response) {
		HttpSession anonymous = request.getSession(false);
		if (anonymous != null) {
			anonymous.invalidate();
		}
		SecurityContext context = contexts.createEmptyContext();
		context.setAuthentication(SessionUsers.authenticated(user));
		contexts.setContext(context);
		contextRepository.saveContext(context, request, response);
	}
}
