package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.boot.test.web.server.LocalServerPort;

import app.tasklens.web.api.ApiIntegrationTest;

/**
 * Two tabs of one user in real Chromium: what one tab does to the tasks shows in the other without a
 * reload, a task being edited there is left alone, and another user's page hears nothing of it.
 */
@ApiIntegrationTest
class LiveTasksBrowserTest {

	private static final boolean JAVASCRIPT = true;

	@LocalServerPort
	int port;

	@Test
	void newCompletedEditedAndDeletedTasksShowInTheOtherTabAndNotToAnotherUser() {
		String base = "http://localhost:" + port;
		try (BrowserSession alice = BrowserSession.open(base, JAVASCRIPT);
				BrowserSession bob = BrowserSession.open(base, JAVASCRIPT)) {
			bob.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			bob.markPage();
			bob.recordTaskEvents();

			alice.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			String first = alice.driver().getWindowHandle();
			String other = alice.openTab("/");
			alice.markPage();
			alice.recordTaskEvents();

			alice.showTab(first);
			String milk = alice.createTask("Buy milk", "", null);
			String call = alice.createTask("Call grandma", "", null);
			alice.showTab(other);
			alice.waiting().until(driver -> alice.taskIds().equals(List.of(call, milk)));

			alice.showTab(first);
			alice.toggleDone(milk);
			alice.editTask(call, "Call grandma and grandpa", "Sunday", null);
			alice.showTab(other);
			alice.waiting().until(driver -> alice.isDone(milk));
			alice.waiting().until(driver -> alice.title(call).equals("Call grandma and grandpa"));
			assertThat(alice.text(call)).contains("Sunday");

			// Editing in this tab: a change made elsewhere does not throw away what is being typed.
			alice.driver().findElement(By.id("edit-" + milk)).click();
			By title = By.id("edit-" + milk + "-title");
			alice.waiting().until(driver -> driver.findElement(title).isDisplayed());
			alice.driver().findElement(title).sendKeys(Keys.END, " (oat)");
			alice.showTab(first);
			alice.toggleDone(milk);
			alice.deleteTask(call);
			alice.showTab(other);
			alice.waiting().until(driver -> alice.taskIds().equals(List.of(milk)));
			assertThat(alice.driver().findElement(title).getDomProperty("value")).isEqualTo("Buy milk (oat)");
			alice.driver().findElement(By.cssSelector("#task-" + milk + " a.task-cancel")).click();
			alice.waiting().until(driver -> !alice.isDone(milk) && alice.title(milk).equals("Buy milk"));

			// In the due order the server places a task made elsewhere among its group.
			alice.choose("sort", "By due date");
			alice.waiting().until(driver -> alice.groupHeadings().equals(List.of("No date")));
			alice.showTab(first);
			String today = alice.createTask("Stand-up", "", LocalDate.now());
			alice.showTab(other);
			alice.waiting().until(driver -> alice.groupHeadings().equals(List.of("Today", "No date")));
			assertThat(alice.taskIds()).containsExactly(today, milk);
			assertThat(alice.samePage()).as("the other tab was never reloaded").isTrue();
			assertThat(alice.recordedTaskEvents()).as("Alice's own stream heard them").hasSizeGreaterThanOrEqualTo(7);
			assertThat(alice.consoleErrors()).isEmpty();

			assertThat(bob.recordedTaskEvents()).as("Bob's stream heard nothing of Alice's tasks").isEmpty();
			assertThat(bob.taskIds()).isEmpty();
			assertThat(bob.samePage()).isTrue();
			alice.screenshot("everyday-live-other-tab");
		}
	}
}
