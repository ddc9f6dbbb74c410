package dev.bizo.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.embedded.internal.PostmasterPidFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostmasterPidFileTest {

  @TempDir Path dir;

  @Test
  void reads_the_pid_and_data_directory_postgresql_writes_first() throws Exception {
    Files.writeString(dir.resolve("postmaster.pid"), "4242\n/var/lib/bizo/postgres\n1765090000\n5432\n/tmp\nlocalhost\n  5432001    32768\nready   \n");
    assertThat(PostmasterPidFile.read(dir)).contains(new PostmasterPidFile(4242, Path.of("/var/lib/bizo/postgres")));
  }

  @Test
  void no_file_is_nothing_running() {
    assertThat(PostmasterPidFile.read(dir)).isEmpty();
  }

  @Test
  void a_file_not_in_postgresql_format_names_no_process() throws Exception {
    for (String content : new String[] {"", "4242\n", "not-a-pid\n/var/lib/bizo\n", "0\n/var/lib/bizo\n", "-7\n/var/lib/bizo\n", "4242\n\n"}) {
      Files.writeString(dir.resolve("postmaster.pid"), content);
      assertThat(PostmasterPidFile.read(dir)).as(content).isEmpty();
    }
  }
}
