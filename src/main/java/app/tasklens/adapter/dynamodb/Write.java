package app.tasklens.adapter.dynamodb;

import java.util.Map;
import java.util.function.Supplier;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * One item write with its condition, and what a failed condition means: the domain's exception, or
 * {@code null} when the write is simply not done (SQL's {@code UPDATE … WHERE} that matches no row).
 */
record Write(TransactWriteItem item, Map<String, AttributeValue> key, Supplier<? extends RuntimeException> onConditionFailed) {

	static Write put(Put put, Map<String, AttributeValue> key, Supplier<? extends RuntimeException> onConditionFailed) {
		return new Write(TransactWriteItem.builder().put(put).build(), key, onConditionFailed);
	}

	static Write update(Update update, Supplier<? extends RuntimeException> onConditionFailed) {
		return new Write(TransactWriteItem.builder().update(update).build(), update.key(), onConditionFailed);
	}

	static Write delete(Delete delete, Supplier<? extends RuntimeException> onConditionFailed) {
		return new Write(TransactWriteItem.builder().delete(delete).build(), delete.key(), onConditionFailed);
	}

	static Write check(ConditionCheck check, Supplier<? extends RuntimeException> onConditionFailed) {
		return new Write(TransactWriteItem.builder().conditionCheck(check).build(), check.key(), onConditionFailed);
	}

	boolean isDelete() {
		return item.delete() != null;
	}

	boolean isConditional() {
		return condition() != null;
	}

	private String condition() {
		if (item.put() != null) {
			return item.put().conditionExpression();
		}
		if (item.update() != null) {
			return item.update().conditionExpression();
		}
		if (item.delete() != null) {
			return item.delete().conditionExpression();
		}
		return item.conditionCheck().conditionExpression();
	}
}
