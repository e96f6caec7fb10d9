package app.tasklens.account;

/** The user has no access key of that id (another user's key is "not found" as well). */
public class AccessKeyNotFoundException extends RuntimeException {

	public AccessKeyNotFoundException() {
		super("access key not found");
	}
}
