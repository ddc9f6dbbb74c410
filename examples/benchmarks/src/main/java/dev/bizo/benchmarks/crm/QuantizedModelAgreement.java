package dev.bizo.benchmarks.crm;

import dev.bizo.benchmarks.Figure;
import dev.bizo.benchmarks.Percentiles;
import dev.bizo.benchmarks.Report;
import dev.bizo.benchmarks.SuiteSize;
import dev.bizo.core.vector.ExactVectorIndex;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.crm.search.BundledModel;
import dev.bizo.crm.search.LeadText;
import dev.bizo.crm.search.model.CompactWeights;
import dev.bizo.crm.search.model.WeightStorage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Whether smaller forms of all-MiniLM-L6-v2 rank leads like the fp32 model: each embeds the same synthetic lead
 * texts (built by {@link LeadText} from seeded names, roles, companies, industries and notes) and the same
 * queries, and the top 10 of each query by exact cosine scan are compared with fp32's.
 *
 * <p>The forms: LangChain4j's quantized model ({@code quantized}: dynamic int8, activations included), the
 * fp32 model with its weights stored as float16 ({@code fp16}), as per-channel int8 ({@code int8w}) or as
 * int8 token embeddings with float16 matrices ({@code int8e}) by {@link CompactWeights} (all three compute in
 * fp32), and the model {@code bizo-crm-search} ships ({@code bundled}, {@link BundledModel}), one of these
 * three as its Maven build made it.
 *
 * <p>Figures, for each form {@code F}:
 * <ul>
 *   <li>{@code semantic-search-F-top10-agreement}: the mean share of the fp32 top 10 that the form's top 10
 *       holds, beside the 0.99 it must reach to replace fp32;</li>
 *   <li>{@code semantic-search-F-embed-p50}: one query embedded by the form, beside fp32 (both warm);</li>
 *   <li>{@code semantic-search-F-model-size} (the converted forms): the ONNX file, beside fp32's.</li>
 * </ul>
 */
final class QuantizedModelAgreement {

  /** The agreement a smaller form must reach to be used. */
  static final double GOAL = 0.99;

  private static final String[] FIRST = {"Marie", "Sam", "Jonas", "Amy", "Leo", "Priya", "Tom", "Ines", "Kofi", "Yuki",
    "Carlos", "Anna", "Omar", "Lena", "Raj", "Sofia", "Ben", "Mei", "Hugo", "Zara"};
  private static final String[] LAST = {"Dupont", "Patel", "Berg", "Chen", "Rossi", "Nair", "Walsh", "Costa", "Mensah",
    "Sato", "Garcia", "Novak", "Haddad", "Fischer", "Kumar", "Moreau", "Okafor", "Lindqvist"};
  private static final String[] ROLES = {"CEO", "CFO", "CTO", "Head of Marketing", "Operations Manager", "Owner",
    "Procurement Lead", "Chief Medical Officer", "Principal", "Lead Developer", "Sales Director", "HR Manager"};
  private static final String[][] FIRMS = {
    {"Le Petit Four", "Bakery and pastry"}, {"St. Mary Hospital", "Healthcare"}, {"Nordic Freight", "Logistics"},
    {"Riverside High School", "Education"}, {"Pixel Forge", "Video games"}, {"Green Acres Farm", "Agriculture"},
    {"Happy Paws Clinic", "Veterinary care"}, {"Rolling Mills", "Steel manufacturing"}, {"Bright Smile Dental", "Dentistry"},
    {"Urban Nest", "Real estate"}, {"Blue Wave Travel", "Tourism"}, {"CodeCraft", "Software consulting"},
    {"FreshCart", "Grocery retail"}, {"Solaris Energy", "Renewable energy"}, {"Atlas Law", "Legal services"},
    {"Peak Fitness", "Gyms and fitness"}};
  private static final String[] NEEDS = {"wants online ordering for its customers", "needs invoicing and cost reports",
    "looks for appointment scheduling software", "asked for a demo of the analytics dashboard",
    "wants to automate payroll", "is comparing CRM tools before renewal", "needs a mobile app for field staff",
    "wants better inventory tracking", "is unhappy with the current payment provider", "plans to expand to three new cities",
    "needs GDPR-compliant data storage", "wants to train staff with online courses", "asked about volume discounts",
    "runs a loyalty programme and wants email campaigns"};
  private static final String[] QUERIES = {"CFO of a mid-size logistics firm interested in invoicing",
    "bakery owner who wants online ordering", "hospital looking for patient scheduling software",
    "school principal who wants a homework platform", "pet doctor for dogs and cats", "steel factory buying machines",
    "travel agency planning growth", "dentist needing appointment booking", "farm that wants inventory tracking",
    "software company comparing CRMs", "gym chain running email campaigns", "law firm worried about data protection"};

  private QuantizedModelAgreement() {}

  static void run(SuiteSize size, Report report) {
    int leads = size.ints(100, 2_000, 5_000);
    int queries = size.ints(12, 120, 300);
    Random random = new Random(19);
    List<TextSegment> corpus = new ArrayList<>(leads);
    for (int i = 0; i < leads; i++) {
      String[] firm = FIRMS[random.nextInt(FIRMS.length)];
      List<String> notes = new ArrayList<>();
      for (int n = random.nextInt(3); n >= 0; n--) {
        notes.add("The " + firm[1].toLowerCase(Locale.ROOT) + " business " + NEEDS[random.nextInt(NEEDS.length)] + ".");
      }
      String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
      corpus.add(TextSegment.from(LeadText.of(
          name, Optional.of(ROLES[random.nextInt(ROLES.length)]), Optional.of(firm[0]), Optional.of(firm[1]), notes)));
    }
    List<String> asked = new ArrayList<>(queries);
    for (int i = 0; i < queries; i++) {
      asked.add(i < QUERIES.length ? QUERIES[i]
          : ROLES[random.nextInt(ROLES.length)] + " in " + FIRMS[random.nextInt(FIRMS.length)][1].toLowerCase(Locale.ROOT)
              + " who " + NEEDS[random.nextInt(NEEDS.length)]);
    }

    byte[] fp32Onnx = resource("all-minilm-l6-v2.onnx");
    byte[] tokenizer = resource("all-minilm-l6-v2-tokenizer.json");
    EmbeddingModel full = new AllMiniLmL6V2EmbeddingModel();
    Map<String, EmbeddingModel> forms = new LinkedHashMap<>();
    forms.put("quantized", new AllMiniLmL6V2QuantizedEmbeddingModel());
    for (WeightStorage storage : WeightStorage.values()) {
      byte[] compact = CompactWeights.compact(fp32Onnx, storage);
      report.figure(Figure.of("semantic-search-" + storage.suffix() + "-model-size",
          compact.length / 1e6, "MB", fp32Onnx.length / 1e6));
      forms.put(storage.suffix(), new InMemoryModel(compact, tokenizer));
    }
    forms.put("bundled", BundledModel.load());
    report.note("semantic-search: the bundled model is " + BundledModel.NAME);

    for (int i = 0; i < 5; i++) {
      full.embed("warm-up " + i);
    }
    long e0 = System.nanoTime();
    ExactVectorIndex<Integer> fullIndex = index(full, corpus);
    float[][] fullQueries = new float[queries][];
    double[] fullEmbed = new double[queries];
    for (int i = 0; i < queries; i++) {
      long a = System.nanoTime();
      fullQueries[i] = full.embed(asked.get(i)).content().vector();
      fullEmbed[i] = (System.nanoTime() - a) / 1e6;
    }
    for (Map.Entry<String, EmbeddingModel> form : forms.entrySet()) {
      EmbeddingModel model = form.getValue();
      for (int i = 0; i < 5; i++) {
        model.embed("warm-up " + i);
      }
      ExactVectorIndex<Integer> formIndex = index(model, corpus);
      double agreed = 0;
      double[] formEmbed = new double[queries];
      for (int i = 0; i < queries; i++) {
        long a = System.nanoTime();
        float[] q = model.embed(asked.get(i)).content().vector();
        formEmbed[i] = (System.nanoTime() - a) / 1e6;
        Set<Integer> expected = keys(fullIndex.topK(fullQueries[i], 10));
        Set<Integer> got = keys(formIndex.topK(q, 10));
        got.retainAll(expected);
        agreed += got.size() / (double) expected.size();
      }
      String name = "semantic-search-" + form.getKey();
      report.note(String.format(Locale.ROOT, "semantic-search: %s top-10 agreement with fp32 %.4f over %d queries",
          form.getKey(), agreed / queries, queries));
      report.figure(new Figure(name + "-top10-agreement", agreed / queries, "share", GOAL, "share goal"));
      report.figure(Figure.of(name + "-embed-p50",
          Percentiles.of(formEmbed).median(), "ms", Percentiles.of(fullEmbed).median()));
    }
    report.note(String.format(Locale.ROOT,
        "semantic-search: fp32 and %s all-MiniLM-L6-v2 over %,d synthetic lead texts, %d queries (embedding took %.1f s)",
        String.join(", ", forms.keySet()), leads, queries, (System.nanoTime() - e0) / 1e9));
  }

  private static byte[] resource(String name) {
    try (InputStream in = AllMiniLmL6V2EmbeddingModel.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no " + name + " in the fp32 model's jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A model converted in memory, with mean pooling and the fp32 model's tokenizer. */
  private static final class InMemoryModel extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    InMemoryModel(byte[] onnx, byte[] tokenizer) {
      super(null);
      this.encoder = new OnnxBertBiEncoder(
          new ByteArrayInputStream(onnx), new ByteArrayInputStream(tokenizer), PoolingMode.MEAN);
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }
  }

  private static ExactVectorIndex<Integer> index(EmbeddingModel model, List<TextSegment> corpus) {
    ExactVectorIndex<Integer> index = new ExactVectorIndex<>(model.dimension());
    for (int start = 0; start < corpus.size(); start += 256) {
      List<TextSegment> batch = corpus.subList(start, Math.min(corpus.size(), start + 256));
      var vectors = model.embedAll(batch).content();
      for (int k = 0; k < batch.size(); k++) {
        index.put(start + k, vectors.get(k).vector());
      }
    }
    return index;
  }

  private static Set<Integer> keys(List<VectorMatch<Integer>> hits) {
    Set<Integer> out = new HashSet<>();
    hits.forEach(h -> out.add(h.key()));
    return out;
  }
}
