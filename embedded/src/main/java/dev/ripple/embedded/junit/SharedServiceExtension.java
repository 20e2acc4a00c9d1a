package dev.ripple.embedded.junit;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a parameter of type {@code T} to one instance shared by the whole test JVM. The instance lives in the
 * root context's store, which JUnit closes (it is {@link AutoCloseable}) after the last test.
 */
abstract class SharedServiceExtension<T extends AutoCloseable> implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedServiceExtension.class);

    private final Class<T> type;
    private final Supplier<T> starter;

    SharedServiceExtension(Class<T> type, Supplier<T> starter) {
        this.type = type;
        this.starter = starter;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public T resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(type, k -> starter.get(), type);
    }
}
