package dev.bizo.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Containerfile read into build stages and instructions: comments dropped, continuation lines
 * joined. Enough of the format to check a file's structure; no container engine runs on the build machine.
 */
record Containerfile(List<Stage> stages) {

  /** One instruction, e.g. {@code USER 65532:65532}: the keyword upper-cased, the rest as written. */
  record Instruction(String keyword, String arguments) {

    /** The arguments of an exec-form instruction (a JSON array), e.g. ENTRYPOINT ["java", "-jar", ...]. */
    Optional<List<String>> execForm() {
      String text = arguments.strip();
      if (!text.startsWith("[")) {
        return Optional.empty();
      }
      try {
        return Optional.of(Arrays.asList(JSON.readValue(text, String[].class)));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(keyword + " is not a valid JSON array: " + text, e);
      }
    }
  }

  /** A FROM and everything up to the next FROM. */
  record Stage(String image, Optional<String> name, List<Instruction> instructions) {

    List<Instruction> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Optional<Instruction> last(String keyword) {
      List<Instruction> found = all(keyword);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  static Containerfile read(Path file) {
    return parse(ServerFacts.read(file));
  }

  static Containerfile parse(String text) {
    List<String> logical = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.startsWith("#")) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      if (!current.toString().isBlank()) {
        logical.add(current.toString().strip());
      }
      current.setLength(0);
    }
    List<Stage> stages = new ArrayList<>();
    String image = null;
    Optional<String> name = Optional.empty();
    List<Instruction> instructions = new ArrayList<>();
    for (String line : logical) {
      String[] parts = line.split("\\s+", 2);
      Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
      if (instruction.keyword().equals("FROM")) {
        if (image != null) {
          stages.add(new Stage(image, name, List.copyOf(instructions)));
        }
        String[] from = instruction.arguments().split("\\s+");
        image = from[0];
        name = from.length == 3 && from[1].equalsIgnoreCase("AS") ? Optional.of(from[2]) : Optional.empty();
        instructions.clear();
      } else if (image == null) {
        throw new IllegalArgumentException("instruction before the first FROM: " + line);
      } else {
        instructions.add(instruction);
      }
    }
    if (image != null) {
      stages.add(new Stage(image, name, List.copyOf(instructions)));
    }
    return new Containerfile(List.copyOf(stages));
  }

  /** The stage the image is made of: the last one. */
  Stage runtime() {
    return stages.get(stages.size() - 1);
  }
}
