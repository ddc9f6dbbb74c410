package dev.bizo.tenancy.notify;

/**
 * Receives the notifications of one channel from {@link DatabaseNotifications}. Called on the listener's own
 * thread, one call at a time: return quickly (hand real work to an executor), and do not throw; a thrown
 * exception is logged and the listener carries on.
 */
public interface NotificationHandler {

  /**
   * One notification, delivered after the transaction that sent it committed.
   *
   * @param payload the payload the sender gave {@code pg_notify} (may be empty); treat it as untrusted
   *     input and parse it strictly
   */
  void notified(String payload);

  /**
   * The listener has just (re)connected and is listening on this channel again. Notifications sent while it
   * was not listening are lost, so a subscriber that must not miss work catches up here (e.g. runs its poll
   * now). Also called once after the first connection. Does nothing by default.
   */
  default void listening() {}
}
