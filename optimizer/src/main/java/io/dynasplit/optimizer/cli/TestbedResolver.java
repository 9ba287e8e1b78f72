package io.dynasplit.optimizer.cli;

import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.Testbeds;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Resolves a {@code --testbed} value to a {@link TestbedModel}: a known id ({@link Testbeds#IDS}, e.g.
 * {@code paper}), or the class name of a {@link TestbedModel} with a public no-argument constructor or static
 * factory (other profiles, tests).
 */
public final class TestbedResolver {
    private TestbedResolver() {
    }

    public static TestbedModel resolve(String name) {
        return resolve(name, CloudEnergyAccounting.WHOLE_NODE);
    }

    /** A known testbed with the given cloud energy accounting (a class name gets its own). */
    public static TestbedModel resolve(String name, CloudEnergyAccounting accounting) {
        if (Testbeds.IDS.contains(name)) {
            return Testbeds.create(name, accounting);
        }
        if (!name.contains(".")) {
            throw new IllegalArgumentException("unknown testbed '" + name + "'; known: " + Testbeds.IDS
                    + " or a TestbedModel class name");
        }
        return byClassName(name);
    }

    private static TestbedModel byClassName(String className) {
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
            throw new IllegalArgumentException("testbed class " + className + " cannot be loaded: " + e, e);
        }
    }
}
