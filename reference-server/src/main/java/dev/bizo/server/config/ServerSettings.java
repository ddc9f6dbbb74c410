package dev.bizo.server.config;

import dev.bizo.core.config.Setting;

/** The server's own settings; the SDK modules declare theirs next to their code. */
public final class ServerSettings {

  private ServerSettings() {}

  /** HTTP port ({@code BIZO_HTTP_PORT}); applied by the server's socket binding, reported here. */
  public static final Setting<Integer> HTTP_PORT = Setting.integer("bizo.http.port").defaultValue(8080).build();

  /** Where embedded state lives ({@code BIZO_DATA_DIR}): the embedded database, the generated master key. */
  public static final Setting<String> DATA_DIR = Setting.string("bizo.data-dir").defaultValue("./bizo-data").build();

  /** Database URL ({@code BIZO_DATABASE_URL}); absent means the embedded PostgreSQL. */
  public static final Setting<String> DATABASE_URL = Setting.string("bizo.database.url").build();

  /** Master key ({@code BIZO_MASTER_KEY}); absent means a generated key stored under the data directory. */
  public static final Setting<String> MASTER_KEY = Setting.string("bizo.master-key").secret().build();

  /** OpenAI-compatible LLM endpoint ({@code BIZO_LLM_BASE_URL}); absent means agents run offline. */
  public static final Setting<String> LLM_BASE_URL = Setting.string("bizo.llm.base-url").build();
}
