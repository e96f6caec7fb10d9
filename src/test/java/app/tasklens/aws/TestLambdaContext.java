package app.tasklens.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** A stand-in for the Lambda runtime's context object: what the runtime would pass, for in-process calls. */
final class TestLambdaContext implements Context {

	private final String function;

	TestLambdaContext(String function) {
		this.function = function;
	}

	@Override
	public String getAwsRequestId() {
		return "test-" + System.nanoTime();
	}

	@Override
	public String getLogGroupName() {
		return "/aws/lambda/" + function;
	}

	@Override
	public String getLogStreamName() {
		return "test";
	}

	@Override
	public String getFunctionName() {
		return function;
	}

	@Override
	public String getFunctionVersion() {
		return "$LATEST";
	}

	@Override
	public String getInvokedFunctionArn() {
		return "arn:aws:lambda:eu-west-1:123456789012:function:" + function;
	}

	@Override
	public CognitoIdentity getIdentity() {
		return null;
	}

	@Override
	public ClientContext getClientContext() {
		return null;
	}

	@Override
	public int getRemainingTimeInMillis() {
		return 29_000;
	}

	@Override
	public int getMemoryLimitInMB() {
		return 2048;
	}

	@Override
	public LambdaLogger getLogger() {
		return new LambdaLogger() {
			@Override
			public void log(String message) {
				System.out.print(message);
			}

			@Override
			public void log(byte[] message) {
				System.out.write(message, 0, message.length);
			}
		};
	}
}
