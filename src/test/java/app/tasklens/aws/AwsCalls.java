package app.tasklens.aws;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS SDK call of the test JVM (service and operation), as the SDK's global interceptor
 * (listed in {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the test class path):
 * how the DynamoDB calls per API request are counted.
 */
public final class AwsCalls implements ExecutionInterceptor {

	public record Call(String service, String operation) {
	}

	private static final List<Call> CALLS = new CopyOnWriteArrayList<>();

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
		CALLS.add(new Call(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
				attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)));
	}

	public static int mark() {
		return CALLS.size();
	}

	/** The calls to {@code service} since {@code mark}, by operation name. */
	public static List<String> since(int mark, String service) {
		return CALLS.subList(mark, CALLS.size()).stream().filter(call -> call.service().equalsIgnoreCase(service))
			.map(Call::operation).toList();
	}
}
