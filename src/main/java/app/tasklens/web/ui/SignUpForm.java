package app.tasklens.web.ui;

/**
 * The sign-up form as posted. The password is never rendered back into the page.
 *
 * @param invite the invite link's secret, carried in a hidden field while sign-up is by invitation
 */
record SignUpForm(String username, String password, String invite) {

	@Override
	public String toString() {
		return "SignUpForm[username=" + username + "]";
	}
}
