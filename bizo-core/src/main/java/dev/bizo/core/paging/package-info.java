/**
 * Keyset paging: {@link dev.bizo.core.paging.KeysetCursor} is the opaque position a list call hands back
 * as its next-page cursor (the last row's sort value and id, and the order it was taken in), and decodes
 * and checks the cursor a client sends back. The CRM's lead queries and payments' payment list both page
 * with it.
 */
package dev.bizo.core.paging;
