package dev.bizo.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class real PostgreSQL and Redis servers: declare a {@link TestDatabase} or {@link
 * TestRedis} parameter on a test, lifecycle method or constructor and it is injected.
 *
 * <ul>
 *   <li>PostgreSQL: an embedded server (io.zonky) started once per JVM, unless {@code
 *       BIZO_TEST_DATABASE_URL} (plus {@code BIZO_TEST_DATABASE_USER}/{@code _PASSWORD}) names one.
 *       Every test class gets a freshly created database, dropped afterwards.
 *   <li>Redis: an embedded {@code redis-server} started once per JVM, unless {@code
 *       BIZO_TEST_REDIS_URL} names one. Every test class gets a flushed logical database.
 * </ul>
 *
 * <pre>{@code
 * @RealServices
 * class LeadStoreIT {
 *   @Test
 *   void stores_a_lead(TestDatabase db) throws Exception { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealServicesExtension.class)
public @interface RealServices {}
