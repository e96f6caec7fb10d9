package app.tasklens.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.filter.OncePerRequestFilter;

import app.tasklens.HttpSessionStore;

/**
 * HTTP sessions kept in a {@link HttpSessionStore} instead of in the server's memory: on Lambda, where every
 * request may reach another function instance and the container keeps no session at all, and on PostgreSQL, where
 * a load balancer may send each request to another node. The cookie {@value #COOKIE} names a stored session that
 * holds the attributes (the signed-in user, the CSRF token, flash messages), Java-serialized, written back only
 * when they changed (or every {@code RENEW_AFTER}, to keep it alive), and gone once idle for {@code timeout}.
 * Requests without the cookie (the JSON API with its bearer tokens) cost the store nothing.
 */
final class StoredHttpSessions extends OncePerRequestFilter {

	static final String COOKIE = "TASKLENS_SESSION";
	/** The idle time is renewed in the item at most this often, to not write on every page. */
	private static final Duration RENEW_AFTER = Duration.ofMinutes(5);
	private static final SecureRandom RANDOM = new SecureRandom();

	private final HttpSessionStore store;
	private final Duration timeout;
	private final Clock clock;

	StoredHttpSessions(HttpSessionStore store, Duration timeout, Clock clock) {
		this.store = store;
		this.timeout = timeout;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SessionRequest wrapped = new SessionRequest(request, response, requestedId(request));
		try {
			chain.doFilter(wrapped, response);
		}
		finally {
			wrapped.store();
		}
	}

	private static String requestedId(HttpServletRequest request) {
		if (request.getCookies() != null) {
			for (Cookie cookie : request.getCookies()) {
				if (cookie.getName().equals(COOKIE) && cookie.getValue().matches("[A-Za-z0-9_-]{43}")) {
					return cookie.getValue();
				}
			}
		}
		return null;
	}

	private static String newId() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private final class SessionRequest extends HttpServletRequestWrapper {

		private final HttpServletResponse response;
		private final String requestedId;
		private StoredSession session;
		private boolean loaded;

		SessionRequest(HttpServletRequest request, HttpServletResponse response, String requestedId) {
			super(request);
			this.response = response;
			this.requestedId = requestedId;
		}

		@Override
		public HttpSession getSession(boolean create) {
			if (!loaded) {
				loaded = true;
				session = requestedId == null ? null : load(requestedId);
			}
			if (session != null && session.invalidated) {
				// Signing out invalidates the session and then may make a new one: the old one is deleted now.
				store.delete(session.id);
				session = null;
			}
			if (session == null && create) {
				session = new StoredSession(newId(), clock.millis(), new HashMap<>(), getServletContext(), true);
				cookie(session.id, (int) timeout.toSeconds());
			}
			return session;
		}

		@Override
		public HttpSession getSession() {
			return getSession(true);
		}

		@Override
		public String changeSessionId() {
			StoredSession current = (StoredSession) getSession(false);
			if (current == null) {
				throw new IllegalStateException("no session");
			}
			store.delete(current.id);
			session = new StoredSession(newId(), current.createdAt, current.attributes, getServletContext(), true);
			cookie(session.id, (int) timeout.toSeconds());
			return session.id;
		}

		@Override
		public String getRequestedSessionId() {
			return requestedId;
		}

		@Override
		public boolean isRequestedSessionIdValid() {
			return requestedId != null && getSession(false) != null && requestedId.equals(session.id);
		}

		@Override
		public boolean isRequestedSessionIdFromCookie() {
			return requestedId != null;
		}

		@Override
		public boolean isRequestedSessionIdFromURL() {
			return false;
		}

		private void cookie(String value, int maxAge) {
			Cookie cookie = new Cookie(COOKIE, value);
			cookie.setPath("/");
			cookie.setHttpOnly(true);
			cookie.setSecure(isSecure() || "https".equalsIgnoreCase(getHeader("X-Forwarded-Proto")));
			cookie.setMaxAge(maxAge);
			cookie.setAttribute("SameSite", "Lax");
			response.addCookie(cookie);
		}

		void store() {
			if (session == null) {
				return;
			}
			if (session.invalidated) {
				store.delete(session.id);
				cookie("", 0);
				return;
			}
			if (session.dirty || session.fresh || clock.millis() - session.renewedAt > RENEW_AFTER.toMillis()) {
				save(session);
			}
		}
	}

	private StoredSession load(String id) {
		return store.load(id, clock.millis()).map(stored -> {
			StoredSession session = new StoredSession(id, stored.createdAt(), read(stored.attributes()), null, false);
			session.renewedAt = stored.renewedAt();
			return session;
		}).orElse(null);
	}

	private void save(StoredSession session) {
		long now = clock.millis();
		store.save(session.id, new HttpSessionStore.Stored(session.createdAt, now, write(session.attributes)),
				now + timeout.toMillis());
	}

	private static byte[] write(Map<String, Object> attributes) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(new LinkedHashMap<>(attributes));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("a session attribute is not serializable", ex);
		}
		return bytes.toByteArray();
	}

	/** Only this filter writes the sessions; what it reads back is what it wrote. */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> read(byte[] data) {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
			return (Map<String, Object>) in.readObject();
		}
		catch (IOException | ClassNotFoundException ex) {
			// A session written by another version of the app: start afresh rather than fail the request.
			return new HashMap<>();
		}
	}

	private final class StoredSession implements HttpSession {

		final String id;
		final long createdAt;
		final Map<String, Object> attributes;
		final boolean fresh;
		private final ServletContext context;
		long renewedAt;
		boolean dirty;
		boolean invalidated;

		StoredSession(String id, long createdAt, Map<String, Object> attributes, ServletContext context, boolean fresh) {
			this.id = id;
			this.createdAt = createdAt;
			this.attributes = new HashMap<>(attributes);
			this.context = context;
			this.fresh = fresh;
			this.renewedAt = clock.millis();
			this.dirty = fresh;
		}

		@Override
		public long getCreationTime() {
			return createdAt;
		}

		@Override
		public String getId() {
			return id;
		}

		@Override
		public long getLastAccessedTime() {
			return renewedAt;
		}

		@Override
		public ServletContext getServletContext() {
			return context;
		}

		@Override
		public void setMaxInactiveInterval(int interval) {
			// The store's expiry decides.
		}

		@Override
		public int getMaxInactiveInterval() {
			return (int) timeout.toSeconds();
		}

		@Override
		public Object getAttribute(String name) {
			return attributes.get(name);
		}

		@Override
		public Enumeration<String> getAttributeNames() {
			return Collections.enumeration(attributes.keySet());
		}

		@Override
		public void setAttribute(String name, Object value) {
			if (value == null) {
				removeAttribute(name);
				return;
			}
			if (!(value instanceof Serializable)) {
				throw new IllegalArgumentException("session attribute " + name + " is not serializable");
			}
			attributes.put(name, value);
			dirty = true;
		}

		@Override
		public void removeAttribute(String name) {
			if (attributes.remove(name) != null) {
				dirty = true;
			}
		}

		@Override
		public void invalidate() {
			invalidated = true;
		}

		@Override
		public boolean isNew() {
			return fresh;
		}
	}
}
