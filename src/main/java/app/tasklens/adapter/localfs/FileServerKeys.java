package app.tasklens.adapter.localfs;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import app.tasklens.account.KeyFile;
import app.tasklens.account.ServerKey;
import app.tasklens.account.ServerKeys;

/**
 * Keys in {@code <data>/keys/}, for a store that has no SQL database to keep them in
 * ({@code tasklens.store=dynamodb}): several instances share them only through {@code tasklens.keys.secret}.
 */
@Component
@ConditionalOnProperty(name = "tasklens.store", havingValue = "dynamodb")
class FileServerKeys implements ServerKeys {

	private final Path dataDir;

	FileServerKeys(@Value("${tasklens.data-dir}") Path dataDir) {
		this.dataDir = dataDir;
	}

	@Override
	public byte[] key(ServerKey key) {
		return KeyFile.loadOrCreate(dataDir, key.fileName(), ServerKey.BYTES);
	}
}
