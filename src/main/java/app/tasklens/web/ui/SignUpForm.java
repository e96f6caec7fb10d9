package app.tasklens.web.ui;

/** The sign-up form as posted. The password is never rendered back into the page. */
record SignUpForm(String username, String password) {

	static SignUpForm empty() {
		return new SignUpForm("", "");
	}
}
