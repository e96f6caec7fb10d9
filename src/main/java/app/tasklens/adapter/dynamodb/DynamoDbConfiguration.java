package app.tasklens.adapter.dynamodb;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import tools.jackson.databind.json.JsonMapper;

/** The DynamoDB adapters and their transactions, selected by {@code tasklens.store=dynamodb}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tasklens.store", havingValue = "dynamodb")
class DynamoDbConfiguration {

	@Bean(destroyMethod = "close")
	DynamoDbClient dynamoDbClient(DynamoDbSettings settings) {
		DynamoDbClient client = client(settings);
		if (settings.createTable()) {
			DynamoDbTable.create(client, settings.table());
		}
		return client;
	}

	static DynamoDbClient client(DynamoDbSettings settings) {
		DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
		if (settings.endpoint() != null) {
			builder.endpointOverride(settings.endpoint());
		}
		if (settings.region() != null && !settings.region().isBlank()) {
			builder.region(Region.of(settings.region()));
		}
		return builder.build();
	}

	@Bean
	DynamoDbWrites dynamoDbWrites(DynamoDbClient client) {
		return new DynamoDbWrites(client);
	}

	@Bean
	PlatformTransactionManager transactionManager(DynamoDbWrites writes) {
		return new DynamoDbTransactionManager(writes);
	}

	@Bean
	DynamoDbHttpSessions httpSessions(DynamoDbWrites writes, DynamoDbSettings settings) {
		return new DynamoDbHttpSessions(writes, settings.table());
	}

	@Bean
	DynamoDbUsers users(DynamoDbWrites writes, DynamoDbSettings settings) {
		return new DynamoDbUsers(writes, settings.table());
	}

	@Bean
	DynamoDbAccessKeys accessKeys(DynamoDbWrites writes, DynamoDbSettings settings) {
		return new DynamoDbAccessKeys(writes, settings.table());
	}

	@Bean
	DynamoDbAttachments attachments(DynamoDbWrites writes, DynamoDbSettings settings, Clock clock) {
		return new DynamoDbAttachments(writes, settings.table(), clock);
	}

	@Bean
	DynamoDbAttachmentLabels attachmentLabels(DynamoDbWrites writes, DynamoDbSettings settings,
			DynamoDbAttachments attachments, JsonMapper json) {
		return new DynamoDbAttachmentLabels(writes, settings.table(), attachments, json);
	}

	@Bean
	DynamoDbTasks tasks(DynamoDbWrites writes, DynamoDbSettings settings, DynamoDbAttachments attachments,
			DynamoDbAttachmentLabels labels) {
		return new DynamoDbTasks(writes, settings.table(), attachments, labels);
	}

	@Bean
	@ConditionalOnProperty(name = "tasklens.account.sign-in-attempts", havingValue = "dynamodb")
	DynamoDbSignInAttempts signInAttempts(DynamoDbWrites writes, DynamoDbSettings settings) {
		return new DynamoDbSignInAttempts(writes, settings.table());
	}

	@Bean
	DynamoDbAdminReports adminReports(DynamoDbWrites writes, DynamoDbSettings settings) {
		return new DynamoDbAdminReports(writes, settings.table());
	}

	@Bean
	DynamoDbLabelingJobs labelingJobs(DynamoDbWrites writes, DynamoDbSettings settings) {
		return new DynamoDbLabelingJobs(writes, settings.table());
	}
}
