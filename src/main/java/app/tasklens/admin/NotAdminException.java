package app.tasklens.admin;

/** The admin page or API asked for by an account that is not an admin. */
public class NotAdminException extends RuntimeException {

	NotAdminException() {
		super("Only an admin can see this.");
	}
}
