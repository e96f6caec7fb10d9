package app.tasklens.adapter.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The one table, as {@code template.yaml} declares it (keep both in step): string keys {@code pk}/{@code sk},
 * the local index {@code byCreated} ({@code pk}/{@code lsk}) and the global index {@code byDue}
 * ({@code gpk}/{@code gsk}), both projecting every attribute, billed on demand.
 */
public final class DynamoDbTable {

	private DynamoDbTable() {
	}

	/** Creates the table unless it exists; for local runs against a DynamoDB-API server and for tests. */
	public static void create(DynamoDbClient client, String table) {
		try {
			client.createTable(request -> request.tableName(table)
				.billingMode(BillingMode.PAY_PER_REQUEST)
				.attributeDefinitions(string(Items.PK), string(Items.SK), string(Items.LSK), string(Items.GPK),
						string(Items.GSK))
				.keySchema(hash(Items.PK), range(Items.SK))
				.localSecondaryIndexes(LocalSecondaryIndex.builder().indexName(Items.BY_CREATED)
					.keySchema(hash(Items.PK), range(Items.LSK))
					.projection(all()).build())
				.globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(Items.BY_DUE)
					.keySchema(hash(Items.GPK), range(Items.GSK))
					.projection(all()).build()));
			client.waiter().waitUntilTableExists(request -> request.tableName(table));
		}
		catch (ResourceInUseException ex) {
			// It exists.
		}
	}

	private static AttributeDefinition string(String name) {
		return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
	}

	private static KeySchemaElement hash(String name) {
		return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
	}

	private static KeySchemaElement range(String name) {
		return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
	}

	private static Projection all() {
		return Projection.builder().projectionType(ProjectionType.ALL).build();
	}
}
