package dev.bizo.benchmarks.bare;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The trivial application of the bare WildFly bootable jar that the reference server's cold start is
 * compared with: one JAX-RS resource, one CDI bean and one readiness check, so the same subsystems wake
 * up as for the server, and nothing else. Packaged alone into a WAR by this module's build; never used
 * by the suite in-process.
 */
@ApplicationPath("/")
public class BareApplication extends Application {}
