/**
 * The test kit every Bizo module tests with ({@code bizo-testkit}, test scope): real services rather than
 * mocks, and waiting without blind sleeps.
 *
 * <ul>
 *   <li>{@link dev.bizo.testkit.RealServices}: annotate a test class and declare a
 *       {@link dev.bizo.testkit.TestDatabase} or {@link dev.bizo.testkit.TestRedis} parameter to get a fresh
 *       PostgreSQL database or an empty Redis logical database of its own (embedded servers unless the
 *       {@code BIZO_TEST_*} variables name others);</li>
 *   <li>{@link dev.bizo.testkit.Eventually}: polls a condition until a deadline, backing off or ending early when
 *       what it waits on is gone (a child process that died) as {@link dev.bizo.testkit.Eventually#waiting} is told;</li>
 *   <li>{@link dev.bizo.testkit.MutableClock}: a clock tests move by hand;</li>
 *   <li>{@link dev.bizo.testkit.NodeHttpPeer}: a real Node.js HTTP server that behaves like n8n's, with
 *       scripted routes and Standard Webhooks signature checks.</li>
 * </ul>
 */
package dev.bizo.testkit;
