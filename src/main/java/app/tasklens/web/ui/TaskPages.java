package app.tasklens.web.ui;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tasklens.attachment.AttachmentUploads;
import app.tasklens.task.DueGroup;
import app.tasklens.task.InvalidTaskException;
import app.tasklens.task.Task;
import app.tasklens.task.TaskPage;
import app.tasklens.task.TaskPatch;
import app.tasklens.task.TaskQuery;
import app.tasklens.task.TaskService;
import app.tasklens.web.CurrentUser;

/**
 * My Tasks. Every action is a plain form post answered with a redirect (post/redirect/get), so it works
 * without JavaScript; when htmx sends it (header {@code HX-Request}) the answer is just the changed part of
 * the page and the message travels in an {@code HX-Trigger} header for {@code js/app.js} to announce.
 */
@Controller
class TaskPages {

	private static final String HTMX = "HX-Request";
	private static final int UNPROCESSABLE = HttpStatus.UNPROCESSABLE_CONTENT.value();

	private final TaskService tasks;
	private final AttachmentCards attachments;
	private final UploadLimit uploadLimit;
	private final ZoneId zone;

	TaskPages(TaskService tasks, AttachmentCards attachments, AttachmentUploads uploads, Clock clock) {
		this.tasks = tasks;
		this.attachments = attachments;
		this.uploadLimit = UploadLimit.of(uploads.maxBytes());
		this.zone = clock.getZone();
	}

	@ModelAttribute("user")
	CurrentUser user(CurrentUser user) {
		return user;
	}

	/** The header's link to this page is marked as the current one. */
	@ModelAttribute("nav")
	String nav() {
		return "tasks";
	}

	/** Every task's attach control checks a file's size before sending it, and says the limit. */
	@ModelAttribute("upload")
	UploadLimit uploadLimit() {
		return uploadLimit;
	}

	@GetMapping("/")
	String myTasks(CurrentUser user, TaskFilter filter, @RequestHeader(name = HTMX, defaultValue = "false") boolean htmx,
			Locale locale, Model model) {
		list(user, filter, locale, model);
		if (htmx) {
			return "tasks :: results";
		}
		model.addAttribute("form", TaskForm.empty()).addAttribute("errors", Map.of());
		return "tasks";
	}

	/**
	 * htmx sends the list's filter fields along ({@code hx-include}): in the due order the new task's place is
	 * among the others, so the answer brings the whole list again instead of the task for the top.
	 */
	@PostMapping("/tasks")
	String create(CurrentUser user, TaskForm form, TaskFilter filter,
			@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx, Locale locale, Model model,
			RedirectAttributes flash, HttpServletResponse response) {
		Task task;
		try {
			form.check();
			task = tasks.create(user.id(), form.title(), form.body(), form.due());
		}
		catch (InvalidTaskException ex) {
			response.setStatus(UNPROCESSABLE);
			model.addAttribute("form", form).addAttribute("errors", ex.errors());
			if (htmx) {
				return "tasks :: create-form";
			}
			list(user, TaskFilter.none(), locale, model);
			return "tasks";
		}
		model.addAttribute("form", TaskForm.empty())
			.addAttribute("errors", Map.of())
			.addAttribute("task", TaskItem.of(task, tasks.today(), zone, locale, List.of()));
		if (htmx && filter.byDue()) {
			list(user, new TaskFilter(filter.q(), filter.label(), filter.done(), filter.sort(), null), locale, model);
			return changed(htmx, "Task created.", "task-parts :: created-in-order", task, flash, response);
		}
		return changed(htmx, "Task created.", "task-parts :: created", task, flash, response);
	}

	/** The task in view mode: what htmx puts back when an edit is cancelled. */
	@GetMapping("/tasks/{id}")
	String show(CurrentUser user, @PathVariable String id,
			@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx, Locale locale, Model model) {
		Task task = tasks.get(user.id(), id);
		model.addAttribute("task", item(user, task, locale));
		return htmx ? "task-parts :: item" : "redirect:/#task-" + task.id();
	}

	@GetMapping("/tasks/{id}/edit")
	String edit(CurrentUser user, @PathVariable String id,
			@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx, Locale locale, Model model) {
		Task task = tasks.get(user.id(), id);
		model.addAttribute("task", item(user, task, locale)).addAttribute("form", TaskForm.of(task)).addAttribute("errors", Map.of());
		return htmx ? "task-parts :: editing" : "task-edit";
	}

	@PostMapping("/tasks/{id}")
	String update(CurrentUser user, @PathVariable String id, TaskForm form,
			@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx, Locale locale, Model model,
			RedirectAttributes flash, HttpServletResponse response) {
		Task task;
		try {
			form.check();
			task = tasks.update(user.id(), id,
					TaskPatch.none().withTitle(form.title()).withBody(form.body()).withDueDate(form.due()));
		}
		catch (InvalidTaskException ex) {
			response.setStatus(UNPROCESSABLE);
			model.addAttribute("task", item(user, tasks.get(user.id(), id), locale))
				.addAttribute("form", form)
				.addAttribute("errors", ex.errors());
			return htmx ? "task-parts :: editing" : "task-edit";
		}
		model.addAttribute("task", item(user, task, locale));
		return changed(htmx, "Task saved.", "task-parts :: item", task, flash, response);
	}

	@PostMapping("/tasks/{id}/done")
	String setDone(CurrentUser user, @PathVariable String id, @RequestParam boolean done,
			@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx, Locale locale, Model model,
			RedirectAttributes flash, HttpServletResponse response) {
		Task task = tasks.update(user.id(), id, TaskPatch.none().withDone(done));
		model.addAttribute("task", item(user, task, locale));
		return changed(htmx, done ? "Task completed." : "Task reopened.", "task-parts :: item", task, flash, response);
	}

	/** Without JavaScript the delete button leads here, to confirm; with it, htmx asks with a dialog. */
	@GetMapping("/tasks/{id}/delete")
	String confirmDelete(CurrentUser user, @PathVariable String id, Locale locale, Model model) {
		model.addAttribute("task", item(user, tasks.get(user.id(), id), locale));
		return "task-delete";
	}

	@PostMapping("/tasks/{id}/delete")
	String delete(CurrentUser user, @PathVariable String id,
			@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx, RedirectAttributes flash,
			HttpServletResponse response) {
		tasks.delete(user.id(), id);
		return changed(htmx, "Task deleted.", "task-parts :: removed", null, flash, response);
	}

	private void list(CurrentUser user, TaskFilter filter, Locale locale, Model model) {
		TaskQuery query = filter.query(filter.paged() ? tasks.cursor(user.id(), filter.after()) : null);
		TaskPage page = tasks.list(user.id(), query);
		LocalDate today = tasks.today();
		List<TaskItem> items = new ArrayList<>();
		// A page that continues a group (after "Load more") does not repeat its heading: the cursor's task was in it.
		DueGroup group = query.after() == null ? null : DueGroup.of(query.after().due(), today);
		for (Task task : page.items()) {
			TaskItem item = TaskItem.of(task, today, zone, locale, attachments.ofTask(user.id(), task.id()));
			DueGroup its = DueGroup.of(task.dueDate(), today);
			if (filter.byDue() && its != group) {
				item = item.openingGroup(its.heading());
				group = its;
			}
			items.add(item);
		}
		model.addAttribute("filter", filter)
			.addAttribute("tasks", items)
			.addAttribute("nextPage", page.nextCursor() == null ? null : filter.pageAfter(page.nextCursor()));
	}

	private TaskItem item(CurrentUser user, Task task, Locale locale) {
		return TaskItem.of(task, tasks.today(), zone, locale, attachments.ofTask(user.id(), task.id()));
	}

	/**
	 * Answers a change that succeeded: the fragment for htmx, or a redirect back to the list (to the task, if
	 * it is still there) with the message kept for the next page.
	 *
	 * @param message fixed text of ours, so it goes into the JSON header without escaping
	 */
	private static String changed(boolean htmx, String message, String fragment, Task task, RedirectAttributes flash,
			HttpServletResponse response) {
		if (htmx) {
			response.setHeader("HX-Trigger", "{\"tasklens:message\":\"" + message + "\"}");
			return fragment;
		}
		flash.addFlashAttribute("message", message);
		return task == null ? "redirect:/" : "redirect:/#task-" + task.id();
	}
}
