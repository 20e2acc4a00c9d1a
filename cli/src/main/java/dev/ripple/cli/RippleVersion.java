package dev.ripple.cli;

import picocli.CommandLine;

/** {@code ripple --version}: the version from the jar's manifest. */
public final class RippleVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = RippleVersion.class.getPackage().getImplementationVersion();
        return new String[] {"ripple " + (version != null ? version : "(development build)"),
                "Java " + Runtime.version()};
    }
}
