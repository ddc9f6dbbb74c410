package dev.bizo.benchmarks.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * What a WildFly bootable jar carries, read from its {@code wildfly.zip}: the jars in the deployment's
 * {@code WEB-INF/lib} and the jars of the server's JBoss modules.
 *
 * @param warBytes the size of the deployment ({@code standalone/deployments/*.war}), 0 when there is none
 * @param warJars the jars in its {@code WEB-INF/lib}
 * @param moduleJars the jars under {@code modules/}
 */
record JarContents(long warBytes, int warJars, int moduleJars) {

  private static final String SERVER_ZIP = "wildfly.zip";

  JarContents {
    if (warBytes < 0 || warJars < 0 || moduleJars < 0) {
      throw new IllegalArgumentException("negative counts: " + warBytes + ", " + warJars + ", " + moduleJars);
    }
  }

  /** Reads {@code bootableJar}; fails if it holds no {@code wildfly.zip}. */
  static JarContents of(Path bootableJar) throws IOException {
    try (ZipFile jar = new ZipFile(bootableJar.toFile())) {
      ZipEntry server = jar.getEntry(SERVER_ZIP);
      if (server == null) {
        throw new IllegalStateException(bootableJar + " holds no " + SERVER_ZIP + ": not a WildFly bootable jar");
      }
      long warBytes = 0;
      int warJars = 0;
      int moduleJars = 0;
      try (ZipInputStream zip = new ZipInputStream(jar.getInputStream(server))) {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
          String name = e.getName();
          if (name.startsWith("modules/") && name.endsWith(".jar")) {
            moduleJars++;
          } else if (name.startsWith("standalone/deployments/") && name.endsWith(".war")) {
            CountingStream counted = new CountingStream(zip);
            warJars += libraryJars(counted);
            warBytes += counted.count;
          }
        }
      }
      return new JarContents(warBytes, warJars, moduleJars);
    }
  }

  /** The size of the deployment in MiB. */
  double warMib() {
    return warBytes / (1024.0 * 1024.0);
  }

  private static int libraryJars(InputStream war) throws IOException {
    int jars = 0;
    ZipInputStream nested = new ZipInputStream(war);
    for (ZipEntry e = nested.getNextEntry(); e != null; e = nested.getNextEntry()) {
      if (e.getName().startsWith("WEB-INF/lib/") && e.getName().endsWith(".jar")) {
        jars++;
      }
    }
    // the central directory after the entries: read to the end, so the count is the whole archive's size
    war.transferTo(OutputStream.nullOutputStream());
    return jars;
  }

  /** Counts the bytes read through it; never closes the stream below (the outer zip reads on). */
  private static final class CountingStream extends InputStream {
    private final InputStream in;
    private long count;

    CountingStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public void close() {
      // the outer entry stays open
    }
  }
}
