package io.dynasplit.optimizer.cli;

import io.dynasplit.testbed.TestbedModel;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;

/**
 * Resolves a {@code --testbed} value to a {@link TestbedModel}: a known name ({@code paper}) or the class name of a
 * {@link TestbedModel} with a public no-argument constructor or static factory (other profiles, tests).
 */
public final class TestbedResolver {
    private static final Map<String, String> KNOWN = Map.of("paper", "io.dynasplit.testbed.emulated.PaperTestbed");

    private TestbedResolver() {
    }

    public static TestbedModel resolve(String name) {
        String className = KNOWN.getOrDefault(name, name);
        if (!KNOWN.containsKey(name) && !name.contains(".")) {
            throw new IllegalArgumentException("unknown testbed '" + name + "'; known: " + KNOWN.keySet()
                    + " or a TestbedModel class name");
        }
        try {
            Class<?> type = Class.forName(className);
            if (!TestbedModel.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(className + " is not a " + TestbedModel.class.getName());
            }
            for (Method m : type.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0
                        && TestbedModel.class.isAssignableFrom(m.getReturnType())) {
                    return (TestbedModel) m.invoke(null);
                }
            }
            return (TestbedModel) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("testbed '" + name + "' (" + className + ") is not available in this build", e);
        }
    }
}
