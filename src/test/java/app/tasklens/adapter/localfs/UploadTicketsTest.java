package app.tasklens.adapter.localfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import app.tasklens.Ids;
import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.ImageType;
import app.tasklens.attachment.UploadGrant;
import app.tasklens.attachment.UploadUrlRejectedException;

class UploadTicketsTest {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	private final UploadTickets tickets = new UploadTickets(key(1));
	private final Attachment attachment = Attachment.create(Ids.random(), Ids.random(), "dog.jpg", ImageType.JPEG,
			5000L, NOW, Duration.ofMinutes(15));
	private final UploadGrant grant = attachment.uploadGrant(5000);

	@Test
	void aSignedTicketGivesBackItsGrant() {
		assertThat(tickets.verify(tickets.sign(grant), NOW.plusSeconds(60))).isEqualTo(grant);
	}

	@Test
	void aGrantWithoutADeclaredSizeRoundTrips() {
		Attachment undeclared = Attachment.create(Ids.random(), Ids.random(), "dog.png", ImageType.PNG, null, NOW,
				Duration.ofMinutes(15));
		UploadGrant open = undeclared.uploadGrant(15_000_000);

		assertThat(tickets.verify(tickets.sign(open), NOW)).isEqualTo(open);
	}

	@Test
	void theTicketIsSafeInAUrlPath() {
		assertThat(tickets.sign(grant)).matches("[A-Za-z0-9_.-]+");
	}

	@Test
	void anExpiredTicketIsRefused() {
		String ticket = tickets.sign(grant);

		assertThatThrownBy(() -> tickets.verify(ticket, NOW.plus(Duration.ofMinutes(15))))
			.isInstanceOf(UploadUrlRejectedException.class).hasMessageContaining("expired");
	}

	@Test
	void aTicketWithAChangedGrantIsRefused() {
		String ticket = tickets.sign(grant);
		String payload = new String(Base64.getUrlDecoder().decode(ticket.substring(0, ticket.indexOf('.'))),
				StandardCharsets.UTF_8);
		String bigger = payload.replace("|5000|", "|99999999|");
		String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(bigger.getBytes(StandardCharsets.UTF_8))
				+ ticket.substring(ticket.indexOf('.'));

		assertThatThrownBy(() -> tickets.verify(forged, NOW)).isInstanceOf(UploadUrlRejectedException.class)
			.hasMessageContaining("not valid");
	}

	@Test
	void aTicketSignedWithAnotherKeyIsRefused() {
		String foreign = new UploadTickets(key(2)).sign(grant);

		assertThatThrownBy(() -> tickets.verify(foreign, NOW)).isInstanceOf(UploadUrlRejectedException.class);
	}

	@Test
	void junkIsRefused() {
		for (String junk : new String[] {"", ".", "abc", "abc.def", "%%%.%%%", "a".repeat(5000)}) {
			assertThatThrownBy(() -> tickets.verify(junk, NOW)).as(junk).isInstanceOf(UploadUrlRejectedException.class);
		}
	}

	private static byte[] key(int seed) {
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) seed);
		return key;
	}
}
