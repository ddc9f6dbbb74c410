package dev.bizo.server.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The 404 answer for paths outside the REST application (which maps its own): the same problem body,
 * so clients never have to parse an HTML error page. Registered as the 404 error page in web.xml.
 */
@WebServlet(urlPatterns = NotFoundProblemServlet.PATH)
public class NotFoundProblemServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  static final String PATH = "/_problem/not-found";

  private final ProblemTranslator translator = new ProblemTranslator();

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = original == null ? request.getRequestURI() : original.toString();
    Problem problem = translator.fromHttpStatus(404, path);
    response.setStatus(problem.status());
    response.setContentType(Problem.MEDIA_TYPE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(ProblemExceptionMapper.toJson(problem));
  }
}
