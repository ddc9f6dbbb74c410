package dev.bizo.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedMasterKeyTest {

  @TempDir Path dataDir;

  @Test
  void first_start_writes_a_32_byte_key_readable_by_its_owner_only() throws Exception {
    String key = GeneratedMasterKey.loadOrCreate(dataDir);

    Path file = dataDir.resolve(GeneratedMasterKey.FILE_NAME);
    assertThat(Base64.getDecoder().decode(key)).hasSize(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void later_starts_read_the_same_key() {
    String first = GeneratedMasterKey.loadOrCreate(dataDir);

    assertThat(GeneratedMasterKey.loadOrCreate(dataDir)).isEqualTo(first);
  }

  @Test
  void a_key_file_others_can_read_is_refused() throws Exception {
    GeneratedMasterKey.loadOrCreate(dataDir);
    Files.setPosixFilePermissions(dataDir.resolve(GeneratedMasterKey.FILE_NAME), PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> GeneratedMasterKey.loadOrCreate(dataDir))
        .isInstanceOf(ConfigurationException.class)
        .extracting(e -> ((ConfigurationException) e).code())
        .isEqualTo("server.master_key_file_exposed");
  }

  @Test
  void a_key_file_that_is_not_32_bytes_is_refused() throws Exception {
    Path file = dataDir.resolve(GeneratedMasterKey.FILE_NAME);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, Base64.getEncoder().encodeToString(new byte[16]));

    assertThatThrownBy(() -> GeneratedMasterKey.loadOrCreate(dataDir))
        .isInstanceOf(ConfigurationException.class)
        .extracting(e -> ((ConfigurationException) e).code())
        .isEqualTo("server.master_key_file_invalid");
  }
}
