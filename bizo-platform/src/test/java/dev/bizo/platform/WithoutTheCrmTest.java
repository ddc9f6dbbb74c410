package dev.bizo.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The platform on a class path without bizo-crm, as an application that never added it: this module's test class
 * path with every bizo-crm entry removed, in a class loader of its own.
 */
class WithoutTheCrmTest {

  @Test
  void crm_fails_with_a_configuration_error_naming_bizo_crm_and_the_other_capabilities_still_enable() throws Throwable {
    try (URLClassLoader withoutCrm = new URLClassLoader(classPathWithout("bizo-crm"), ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> Class.forName("dev.bizo.crm.LeadService", false, withoutCrm))
          .as("bizo-crm is gone from the class path").isInstanceOf(ClassNotFoundException.class);
      // Linked as compiled code links it (one method at a time), not by listing every method through reflection.
      Class<?> bizo = Class.forName(Bizo.class.getName(), true, withoutCrm);
      Class<?> builderType = Class.forName(Bizo.Builder.class.getName(), true, withoutCrm);
      Object builder = MethodHandles.publicLookup().findStatic(bizo, "builder", MethodType.methodType(builderType)).invoke();

      assertThatThrownBy(() -> builder.getClass().getMethod("crm").invoke(builder))
          .isInstanceOf(InvocationTargetException.class)
          .cause()
          .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo("dev.bizo.core.ConfigurationException"))
          .hasMessageContaining("CRM needs the artifact dev.bizo:bizo-crm on the class path");
      assertThat(builder.getClass().getMethod("webhooks").invoke(builder)).isSameAs(builder);
    }
  }

  private static URL[] classPathWithout(String artifact) throws MalformedURLException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      String path = entry.replace(File.separatorChar, '/');
      if (!path.contains("/" + artifact + "/") && !path.substring(path.lastIndexOf('/') + 1).startsWith(artifact + "-")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    return urls.toArray(URL[]::new);
  }
}
