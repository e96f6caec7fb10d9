package app.tasklens.attachment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one user, and all of them together, may take of the server.
 *
 * @param storagePerUser bytes of stored images per user; an upload beyond it is refused (413)
 * @param pendingUploadsPerUser upload URLs per user whose bytes have not arrived yet; one more is refused
 *        (429): each open upload may hold a connection, and 210 of them trickling a byte every 2 s held all
 *        of the server's request threads
 * @param minFreeSpace what the data folder keeps free: an upload that would eat into it is refused (507), so
 *        the database and deletes (which free space) still have room; health is DOWN below it
 */
@ConfigurationProperties("tasklens.quota")
public record QuotaSettings(
		@DefaultValue("2GB") DataSize storagePerUser,
		@DefaultValue("50") int pendingUploadsPerUser,
		@DefaultValue("50MB") DataSize minFreeSpace) {

	public QuotaSettings {
		if (storagePerUser.toBytes() < 1 || pendingUploadsPerUser < 1 || minFreeSpace.isNegative()) {
			throw new IllegalArgumentException(
					"tasklens.quota.storage-per-user and pending-uploads-per-user must be positive, min-free-space not negative");
		}
	}
}
