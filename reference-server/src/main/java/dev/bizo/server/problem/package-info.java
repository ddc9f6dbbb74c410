/**
 * Problem details: every failure the server answers is an RFC 9457 {@code application/problem+json} body, a
 * {@link dev.bizo.server.problem.Problem} with Bizo's stable {@code code}. {@link dev.bizo.server.problem.ProblemTranslator}
 * holds the whole table from exception to status and code, without the JAX-RS runtime, so it is unit-tested;
 * {@link dev.bizo.server.problem.ProblemExceptionMapper} applies it to the REST API, and
 * {@link dev.bizo.server.problem.NotFoundProblemServlet} answers paths outside it the same way.
 * {@link dev.bizo.server.problem.RequestSizeLimit} refuses oversized request bodies, chunked ones included.
 */
package dev.bizo.server.problem;
