package app.tasklens.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small closed-loop HTTP/1.1 load generator: N keep-alive connections, each sending its next request
 * as soon as the previous answer is read. Written on raw sockets so that the client costs the shared
 * cores as little as possible.
 */
final class HttpLoad {

	/** One request, pre-encoded; sent again and again. */
	record Request(String method, String path, String bearer, String jsonBody) {

		byte[] encode(URI base) {
			StringBuilder head = new StringBuilder();
			head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
			head.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
			head.append("Accept: application/json\r\n");
			if (bearer != null) {
				head.append("Authorization: Bearer ").append(bearer).append("\r\n");
			}
			byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
			if (jsonBody != null) {
				head.append("Content-Type: application/json\r\n");
			}
			head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
			byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
			byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
			System.arraycopy(body, 0, all, headBytes.length, body.length);
			return all;
		}
	}

	/** Requests per second, latency percentiles in milliseconds, and failures (non-2xx or I/O errors). */
	record Result(double requestsPerSecond, double p50, double p90, double p99, double max, long requests,
			long failures) {
	}

	private HttpLoad() {
	}

	static Result run(URI base, Request request, int connections, double warmupSeconds, double seconds)
			throws InterruptedException {
		byte[] bytes = request.encode(base);
		AtomicBoolean measuring = new AtomicBoolean(false);
		AtomicBoolean stop = new AtomicBoolean(false);
		AtomicLong failures = new AtomicLong();
		List<long[]> latencies = new ArrayList<>();
		int[] counts = new int[connections];
		CountDownLatch done = new CountDownLatch(connections);
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < connections; c++) {
			long[] mine = new long[4_000_000 / connections];
			latencies.add(mine);
			int index = c;
			Thread thread = new Thread(() -> {
				try {
					loop(base, bytes, measuring, stop, failures, mine, counts, index);
				}
				finally {
					done.countDown();
				}
			}, "load-" + c);
			thread.setDaemon(true);
			threads.add(thread);
			thread.start();
		}
		Thread.sleep((long) (warmupSeconds * 1000));
		long start = System.nanoTime();
		measuring.set(true);
		Thread.sleep((long) (seconds * 1000));
		measuring.set(false);
		long elapsed = System.nanoTime() - start;
		stop.set(true);
		done.await();
		int total = Arrays.stream(counts).sum();
		long[] all = new long[total];
		int offset = 0;
		for (int c = 0; c < connections; c++) {
			System.arraycopy(latencies.get(c), 0, all, offset, counts[c]);
			offset += counts[c];
		}
		Arrays.sort(all);
		return new Result(total / (elapsed / 1e9), percentile(all, 50), percentile(all, 90), percentile(all, 99),
				all.length == 0 ? 0 : all[all.length - 1] / 1e6, total, failures.get());
	}

	private static void loop(URI base, byte[] request, AtomicBoolean measuring, AtomicBoolean stop,
			AtomicLong failures, long[] latencies, int[] counts, int index) {
		while (!stop.get()) {
			try (Socket socket = new Socket()) {
				socket.setTcpNoDelay(true);
				socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
				socket.setSoTimeout(30_000);
				OutputStream out = socket.getOutputStream();
				InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
				while (!stop.get()) {
					long begin = System.nanoTime();
					out.write(request);
					out.flush();
					Response response = readResponse(in);
					long took = System.nanoTime() - begin;
					if (response.status < 200 || response.status > 299) {
						failures.incrementAndGet();
					}
					if (measuring.get() && counts[index] < latencies.length) {
						latencies[counts[index]++] = took;
					}
					if (response.close) {
						break;
					}
				}
			}
			catch (IOException ex) {
				failures.incrementAndGet();
			}
		}
	}

	private record Response(int status, boolean close) {
	}

	/** Reads one response, with a Content-Length or chunked body, and discards the body. */
	private static Response readResponse(InputStream in) throws IOException {
		String statusLine = line(in);
		int status = Integer.parseInt(statusLine.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean close = false;
		for (String header; !(header = line(in)).isEmpty();) {
			String lower = header.toLowerCase(java.util.Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				length = Long.parseLong(lower.substring(15).trim());
			}
			else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
			else if (lower.startsWith("connection:") && lower.contains("close")) {
				close = true;
			}
		}
		if (chunked) {
			for (long size; (size = Long.parseLong(line(in).split(";")[0].trim(), 16)) > 0;) {
				skip(in, size);
				line(in);
			}
			line(in);
		}
		else if (length > 0) {
			skip(in, length);
		}
		return new Response(status, close);
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b; (b = in.read()) != '\n';) {
			if (b < 0) {
				throw new IOException("connection closed");
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	private static void skip(InputStream in, long bytes) throws IOException {
		long left = bytes;
		while (left > 0) {
			long skipped = in.skip(left);
			if (skipped <= 0) {
				if (in.read() < 0) {
					throw new IOException("connection closed");
				}
				skipped = 1;
			}
			left -= skipped;
		}
	}

	private static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
	}
}
