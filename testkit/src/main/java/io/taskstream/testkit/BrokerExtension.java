package io.taskstream.testkit;

import io.taskstream.kafka.embedded.EmbeddedKafka;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * One embedded Kafka broker per test class: started before the class's {@code @BeforeAll} methods run and closed
 * after its {@code @AfterAll} methods. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BrokerExtension kafka = new BrokerExtension();
 * }</pre>
 *
 * <p>A static field in an abstract base class gives each concrete test class its own broker, one class after
 * the other (the field holds the broker of the class that is running).
 */
public final class BrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedKafka broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = EmbeddedKafka.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /**
     * @return the running broker of the current test class
     * @throws IllegalStateException outside the test class's lifecycle (before {@code beforeAll}, after
     *                               {@code afterAll})
     */
    public EmbeddedKafka broker() {
        if (broker == null) {
            throw new IllegalStateException("no broker: BrokerExtension must be registered on a static field"
                    + " with @RegisterExtension, and used while the test class runs");
        }
        return broker;
    }

    /** @see EmbeddedKafka#bootstrapServers() */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** @see EmbeddedKafka#createTopics(Map) */
    public void createTopics(Map<String, Integer> nameToPartitions) {
        broker().createTopics(nameToPartitions);
    }

    /** @see EmbeddedKafka#shutdownBroker() */
    public void shutdownBroker() {
        broker().shutdownBroker();
    }

    /** @see EmbeddedKafka#restartBroker() */
    public void restartBroker() {
        broker().restartBroker();
    }
}
