package app.tasklens.account;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Deletes an account and everything it owns, once its password is confirmed. */
@Service
public class CloseAccount {

	private final AccountService accounts;
	private final Users users;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;

	CloseAccount(AccountService accounts, Users users, ApplicationEventPublisher events, TransactionTemplate transactions) {
		this.accounts = accounts;
		this.users = users;
		this.events = events;
		this.transactions = transactions;
	}

	/**
	 * Every token and session of the account stops working with it (they name a user that is gone).
	 *
	 * @throws InvalidAccountException ({@code currentPassword}) when the password is wrong
	 */
	public void close(String userId, String password, String clientAddress) {
		accounts.confirm(userId, password, clientAddress);
		transactions.executeWithoutResult(status -> {
			events.publishEvent(new AccountClosing(userId));
			users.remove(userId);
		});
		accounts.closed(userId);
	}
}
