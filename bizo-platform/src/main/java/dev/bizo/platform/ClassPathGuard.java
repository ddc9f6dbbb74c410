package dev.bizo.platform;

import dev.bizo.core.ConfigurationException;

/**
 * Checks that a capability's artifact is on the class path, by name and without initialising anything, so that
 * nothing from an absent module is loaded and the error names the artifact to add.
 */
final class ClassPathGuard {

  /** The code of the error when a capability's artifact is missing. */
  static final String MISSING = "platform.capability_missing";

  private ClassPathGuard() {}

  static void require(Capability capability) {
    requirePresent(capability.name(), capability.artifact(), capability.probeClass(), ClassPathGuard.class.getClassLoader());
  }

  /** The check itself, with the class name as a parameter so that a test can name a class that does not exist. */
  static void requirePresent(String capability, String artifact, String probeClass, ClassLoader loader) {
    try {
      Class.forName(probeClass, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigurationException(MISSING, capability + " needs the artifact dev.bizo:" + artifact
          + " on the class path (" + probeClass + " not found); add it to the application's dependencies", e);
    }
  }
}
