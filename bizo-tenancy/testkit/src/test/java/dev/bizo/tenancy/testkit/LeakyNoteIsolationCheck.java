package dev.bizo.tenancy.testkit;

import dev.bizo.core.Ids;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.PersistenceModule;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * The contract applied to a table without row-level security. Not run on its own (no Test/IT suffix):
 * {@link ContractCatchesMissingIsolationIT} launches it and expects it to fail.
 */
public class LeakyNoteIsolationCheck extends TenantIsolationContract<LeakyNote> {

  @Override
  protected List<PersistenceModule> modules() {
    return List.of(PersistenceModule.of("leaky", LeakyNote.class));
  }

  @Override
  protected Optional<Class<LeakyNote>> entityClass() {
    return Optional.of(LeakyNote.class);
  }

  @Override
  protected String table() {
    return "leaky_note";
  }

  @Override
  protected Object createRow(Session session, TenantId tenant) {
    LeakyNote note = new LeakyNote(Ids.newUuid(), "note");
    session.persist(note);
    return note.id;
  }
}
