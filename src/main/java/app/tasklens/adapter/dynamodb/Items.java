package app.tasklens.adapter.dynamodb;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table's key attributes and small helpers to build and read items. Sort keys that order by time hold
 * epoch milliseconds with leading zeros ({@link #millis}), so that strings sort like the numbers.
 */
final class Items {

	static final String PK = "pk";
	static final String SK = "sk";
	/** Local secondary index {@value #BY_CREATED}: a user's tasks, newest first. */
	static final String LSK = "lsk";
	static final String BY_CREATED = "byCreated";
	/** Global secondary index {@value #BY_DUE}: labeling jobs and pending uploads by the time they are due. */
	static final String GPK = "gpk";
	static final String GSK = "gsk";
	static final String BY_DUE = "byDue";

	private Items() {
	}

	static Map<String, AttributeValue> key(String pk, String sk) {
		Map<String, AttributeValue> key = new LinkedHashMap<>();
		key.put(PK, s(pk));
		key.put(SK, s(sk));
		return key;
	}

	static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

	static AttributeValue n(long value) {
		return AttributeValue.fromN(Long.toString(value));
	}

	static AttributeValue bool(boolean value) {
		return AttributeValue.fromBool(value);
	}

	static AttributeValue ss(Collection<String> values) {
		return AttributeValue.fromSs(java.util.List.copyOf(values));
	}

	/** Thirteen digits: every epoch millisecond until the year 2286. */
	static String millis(Instant instant) {
		return String.format("%013d", instant.toEpochMilli());
	}

	static String string(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		return value == null || value.nul() != null && value.nul() ? null : value.s();
	}

	static Long number(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		return value == null || value.n() == null ? null : Long.valueOf(value.n());
	}

	static Instant instant(Map<String, AttributeValue> item, String name) {
		Long value = number(item, name);
		return value == null ? null : Instant.ofEpochMilli(value);
	}

	/** Puts the attribute unless the value is {@code null}: DynamoDB stores absence, not nulls. */
	static void putIfPresent(Map<String, AttributeValue> item, String name, Object value) {
		if (value == null) {
			return;
		}
		if (value instanceof String text) {
			item.put(name, s(text));
		}
		else if (value instanceof Number number) {
			item.put(name, AttributeValue.fromN(number.toString()));
		}
		else if (value instanceof Instant instant) {
			item.put(name, n(instant.toEpochMilli()));
		}
		else if (value instanceof Boolean flag) {
			item.put(name, bool(flag));
		}
		else {
			throw new IllegalArgumentException("no attribute type for " + value.getClass());
		}
	}
}
