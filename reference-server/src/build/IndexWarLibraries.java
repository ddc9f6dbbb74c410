import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.jboss.jandex.Index;
import org.jboss.jandex.IndexWriter;
import org.jboss.jandex.Indexer;

/**
 * A build step of the reference server (run by the build, not shipped): puts a Jandex index,
 * {@code META-INF/jandex.idx}, into every jar of the WAR's {@code WEB-INF/lib} that has none.
 *
 * <p>At deployment WildFly reads such an index instead of reading and parsing every class of the jar itself
 * (org.jboss.as.server.deployment.annotation.ResourceRootIndexer). The index is built the way WildFly would:
 * every {@code .class} file of the jar, with the same Jandex. The WAR is rewritten in place.
 *
 * <p>Usage: {@code java -cp jandex.jar IndexWarLibraries.java path/to.war}
 */
public final class IndexWarLibraries {

  private static final String INDEX = "META-INF/jandex.idx";

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: IndexWarLibraries path/to.war");
    }
    Path war = Path.of(args[0]);
    Path rewritten = war.resolveSibling(war.getFileName() + ".indexing");
    int indexed = 0;
    int classes = 0;
    try (ZipFile in = new ZipFile(war.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
      for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        byte[] bytes;
        try (InputStream s = in.getInputStream(entry)) {
          bytes = s.readAllBytes();
        }
        if (entry.getName().startsWith("WEB-INF/lib/") && entry.getName().endsWith(".jar")) {
          IndexedJar jar = withIndex(bytes);
          if (jar.classes() >= 0) {
            bytes = jar.bytes();
            indexed++;
            classes += jar.classes();
          }
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    }
    Files.move(rewritten, war, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("IndexWarLibraries: indexed " + classes + " classes of " + indexed + " jars in " + war);
  }

  /** The jar with an index added and how many classes it holds; classes -1 if it had an index already. */
  private record IndexedJar(byte[] bytes, int classes) {}

  private static IndexedJar withIndex(byte[] jar) throws IOException {
    Indexer indexer = new Indexer();
    int classes = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals(INDEX)) {
          return new IndexedJar(jar, -1);
        }
        if (!e.isDirectory() && e.getName().endsWith(".class")) {
          indexer.index(zip);
          classes++;
        }
      }
    }
    Index index = indexer.complete();
    ByteArrayOutputStream out = new ByteArrayOutputStream(jar.length + 4096);
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar)); ZipOutputStream copy = new ZipOutputStream(out)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        ZipEntry entry = new ZipEntry(e.getName());
        entry.setTime(e.getTime());
        copy.putNextEntry(entry);
        zip.transferTo(copy);
        copy.closeEntry();
      }
      copy.putNextEntry(new ZipEntry(INDEX));
      new IndexWriter(new NonClosing(copy)).write(index);
      copy.closeEntry();
    }
    return new IndexedJar(out.toByteArray(), classes);
  }

  /** IndexWriter writes to a stream it does not own. */
  private static final class NonClosing extends OutputStream {
    private final OutputStream out;

    NonClosing(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }
  }
}
