package io.dynasplit.cloudnode;

import io.dynasplit.localbroker.LocalKafkaTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** One real Kafka broker for every test of this module (GLOBAL scope): no per-class annotation to forget. */
@WithTestResource(value = LocalKafkaTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "devices", value = "pi-a,pi-b"))
public final class KafkaTestResources {
    private KafkaTestResources() {
    }
}
