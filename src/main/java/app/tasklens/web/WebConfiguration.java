package app.tasklens.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import app.tasklens.HttpSessionStore;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CurrentUserResolver());
	}

	/**
	 * Where an adapter stores sessions (DynamoDB, PostgreSQL), before every other filter, so that Spring Security's
	 * session use finds the stored session; with none they stay in the server's memory (the filter is not enabled).
	 */
	@Bean
	FilterRegistrationBean<StoredHttpSessions> storedHttpSessions(ObjectProvider<HttpSessionStore> store,
			@Value("${server.servlet.session.timeout:30m}") Duration timeout, Clock clock) {
		HttpSessionStore available = store.getIfAvailable();
		FilterRegistrationBean<StoredHttpSessions> registration = new FilterRegistrationBean<>(
				new StoredHttpSessions(available, timeout, clock));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setEnabled(available != null);
		return registration;
	}
}
