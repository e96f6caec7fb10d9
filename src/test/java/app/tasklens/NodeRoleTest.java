package app.tasklens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class NodeRoleTest {

	@Test
	void theRoleIsReadInAnyCaseAndDefaultsToAll() {
		assertThat(NodeRole.of(new MockEnvironment())).isEqualTo(NodeRole.ALL);
		assertThat(NodeRole.of(new MockEnvironment().withProperty("tasklens.role", "Worker"))).isEqualTo(NodeRole.WORKER);
		assertThat(NodeRole.WEB.labels()).isFalse();
		assertThat(NodeRole.WORKER.servesHttp()).isFalse();
		assertThat(NodeRole.ALL.labels() && NodeRole.ALL.servesHttp()).isTrue();
	}

	@Test
	void anUnknownRoleStopsTheStartInsteadOfBeingReadAsAll() {
		assertThatThrownBy(() -> NodeRole.of(new MockEnvironment().withProperty("tasklens.role", "wrker")))
			.isInstanceOf(IllegalArgumentException.class).hasMessage("tasklens.role must be web, worker or all, not \"wrker\"");
	}
}
