package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.boot.test.web.server.LocalServerPort;

import app.tasklens.web.api.ApiIntegrationTest;

/**
 * Everyday use of My Tasks in real Chromium, at desktop and phone sizes: the compact "Add task" row, the due
 * order with its groups, and filters that keep the user at the list.
 */
@ApiIntegrationTest
class EverydayBrowserTest {

	private static final boolean JAVASCRIPT = true;
	private static final boolean NO_JAVASCRIPT = false;
	/** A common phone's viewport in CSS pixels. */
	private static final int PHONE_WIDTH = 390;
	private static final int PHONE_HEIGHT = 844;

	@LocalServerPort
	int port;

	@Test
	void onAPhoneAddTaskIsOneRowAndTheListStartsOnTheFirstScreen() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, JAVASCRIPT)) {
			browser.resize(PHONE_WIDTH, PHONE_HEIGHT);
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			assertThat(browser.horizontalOverflow()).as("nothing sticks out sideways").isZero();
			Map<String, Long> signOut = browser.box(By.cssSelector(".site-header form button"));
			assertThat(signOut.get("right")).as("Sign out is whole on the screen: %s", signOut)
				.isLessThanOrEqualTo(signOut.get("windowWidth"));
			assertThat(signOut.get("left")).isNotNegative();
			assertThat(browser.driver().findElement(By.id("new-title")).isDisplayed())
				.as("with no tasks yet the form is open").isTrue();
			browser.createTask("Buy milk", "", null);
			browser.createTask("Call grandma", "", LocalDate.now().plusDays(2));

			browser.open("/");
			assertThat(browser.driver().findElement(By.id("new-title")).isDisplayed()).as("closed once there are tasks")
				.isFalse();
			Map<String, Long> add = browser.box(By.id("new-task"));
			assertThat(add.get("height")).as("Add task is one row").isLessThan(64);
			Map<String, Long> list = browser.box(By.id("task-list"));
			assertThat(list.get("top")).as("the first task shows on the first phone screen: %s", list)
				.isLessThan(list.get("window") - 100);
			browser.screenshot("everyday-phone-add-task-closed");

			browser.openAddTask();
			assertThat(browser.driver().findElement(By.id("new-title")).isDisplayed()).isTrue();
			browser.screenshot("everyday-phone-add-task-open");
			String id = browser.createTask("Water the plants", "", null);
			assertThat(browser.taskIds()).first().isEqualTo(id);
			browser.waiting().until(driver -> !driver.findElement(By.id("new-title")).isDisplayed());
			assertThat(browser.driver().findElement(By.id("new-task")).getDomAttribute("open"))
				.as("on a phone the row closes after adding, so the list shows again").isNull();
			assertThat(browser.focused().getDomAttribute("id")).as("focus stays at the row").isEqualTo("new-task-summary");
			assertThat(browser.horizontalOverflow()).isZero();
			assertThat(browser.consoleErrors()).isEmpty();
		}
	}

	@Test
	void onADesktopAddTaskStaysOpenForTheNextOneAndEscCancelsAnEdit() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, JAVASCRIPT)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			browser.createTask("Buy milk", "", null);
			String id = browser.createTask("Call grandma", "Sunday", null);
			assertThat(browser.driver().findElement(By.id("new-title")).isDisplayed())
				.as("on a desktop the form stays open to add several").isTrue();
			assertThat(browser.focused().getDomAttribute("id")).isEqualTo("new-title");

			browser.driver().findElement(By.id("edit-" + id)).click();
			By title = By.id("edit-" + id + "-title");
			browser.waiting().until(driver -> driver.findElement(title).isDisplayed());
			browser.driver().findElement(title).sendKeys(" and grandpa");
			browser.press(Keys.ESCAPE);
			browser.waiting().until(driver -> !browser.task(id).getDomAttribute("class").contains("is-editing"));
			assertThat(browser.title(id)).as("Esc drops what was typed").isEqualTo("Call grandma");
			assertThat(browser.focused().getDomAttribute("id")).as("focus stays on the task").isEqualTo("done-" + id);
			browser.open("/");
			assertThat(browser.title(id)).as("nothing was saved").isEqualTo("Call grandma");
			assertThat(browser.consoleErrors()).isEmpty();
		}
	}

	@Test
	void withoutJavaScriptAddTaskOpensAndApplyLandsAtTheList() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, NO_JAVASCRIPT)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			browser.createTask("Pay rent", "", LocalDate.now().plusDays(1));
			browser.open("/");
			assertThat(browser.driver().findElement(By.id("new-title")).isDisplayed()).isFalse();

			browser.openAddTask();
			String id = browser.createTask("Book dentist", "", null);
			assertThat(browser.message()).isEqualTo("Task created.");

			browser.choose("sort", "By due date");
			browser.applyFilters();
			browser.waiting().until(driver -> browser.path().contains("sort=due"));
			assertThat(browser.path()).endsWith("#tasks");
			assertThat(browser.groupHeadings()).containsExactly("Upcoming", "No date");
			assertThat(browser.taskIds()).last().isEqualTo(id);
			assertThat(browser.box(By.id("tasks-heading")).get("top")).as("the list heading is in view").isBetween(-1L, 300L);
		}
	}

	@Test
	void theDueOrderGroupsTasksLiveAndANewTaskTakesItsPlaceInIt() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, JAVASCRIPT)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			LocalDate today = LocalDate.now();
			String someday = browser.createTask("Someday", "", null);
			String upcoming = browser.createTask("Renew passport", "", today.plusDays(20));
			String late = browser.createTask("Return books", "", today.minusDays(3));
			String now = browser.createTask("Stand-up", "", today);
			browser.markPage();

			browser.choose("sort", "By due date");
			browser.waiting().until(driver -> browser.path().contains("sort=due"));

			browser.waiting().until(driver -> browser.groupHeadings().size() == 4);
			assertThat(browser.groupHeadings()).containsExactly("Overdue", "Today", "Upcoming", "No date");
			assertThat(browser.taskIds()).containsExactly(late, now, upcoming, someday);
			assertThat(browser.isOverdue(late)).isTrue();

			String soon = browser.createTaskAnywhere("Buy a gift", "", today.plusDays(2));
			assertThat(browser.taskIds()).as("in its place, not on top").containsExactly(late, now, soon, upcoming, someday);
			assertThat(browser.groupHeadings()).containsExactly("Overdue", "Today", "Upcoming", "No date");
			assertThat(browser.samePage()).as("no reload").isTrue();
			browser.driver().findElement(By.id("new-task-summary")).click();
			browser.resize(PHONE_WIDTH, PHONE_HEIGHT);
			browser.screenshot("everyday-phone-due-order");
			browser.resize(1280, 900);
			browser.screenshot("everyday-desktop-due-order");

			browser.choose("sort", "Newest first");
			browser.waiting().until(driver -> browser.groupHeadings().isEmpty());
			assertThat(browser.taskIds()).containsExactly(soon, now, late, upcoming, someday);
			assertThat(browser.consoleErrors()).isEmpty();
		}
	}
}
