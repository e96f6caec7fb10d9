package app.tasklens.web.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Dates and times as pages write them: in the server's time zone and the request's locale, the one the
 * browser's date input follows ("Jun 30, 2030" in the US, "30.06.2030" in Germany).
 */
final class ShownDates {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM);
	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM,
			FormatStyle.SHORT);

	private ShownDates() {
	}

	static String date(LocalDate date, Locale locale) {
		return DATE.withLocale(locale).format(date);
	}

	static String date(Instant instant, ZoneId zone, Locale locale) {
		return date(instant.atZone(zone).toLocalDate(), locale);
	}

	static String dateTime(Instant instant, ZoneId zone, Locale locale) {
		return DATE_TIME.withLocale(locale).format(instant.atZone(zone));
	}

	/** The machine-readable form for {@code <time datetime>}. */
	static String iso(Instant instant, ZoneId zone) {
		return instant.atZone(zone).toOffsetDateTime().toString();
	}
}
