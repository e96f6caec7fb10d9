package app.tasklens.adapter.dynamodb;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The DynamoDB store ({@code tasklens.store=dynamodb}).
 *
 * @param table the table's name ({@code TASKLENS_DYNAMODB_TABLE}; the SAM template passes its own)
 * @param endpoint another DynamoDB-API server (tests, local runs); empty for AWS
 * @param region the AWS region; empty for the SDK's default chain ({@code AWS_REGION} on Lambda)
 * @param createTable create the table at start when it is missing: for local runs, never on AWS, where
 *        the template owns the table
 */
@ConfigurationProperties("tasklens.dynamodb")
record DynamoDbSettings(
		@DefaultValue("tasklens") String table,
		URI endpoint,
		String region,
		@DefaultValue("false") boolean createTable) {
}
