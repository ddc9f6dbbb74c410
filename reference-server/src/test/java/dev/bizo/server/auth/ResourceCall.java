package dev.bizo.server.auth;

import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One call of a resource method as the server makes it, for unit tests of resources in other packages: the
 * {@link Requires} check by {@link RequiresInterceptor} first, then the method itself.
 */
public final class ResourceCall implements InvocationContext {

  private final Object resource;
  private final Method method;
  private Object[] arguments;
  private final Map<String, Object> data = new HashMap<>();
  private boolean proceeded;

  private ResourceCall(Object resource, Method method, Object[] arguments) {
    this.resource = resource;
    this.method = method;
    this.arguments = arguments;
  }

  /**
   * Calls {@code resource}'s public method named {@code name} with {@code arguments} for {@code caller}.
   *
   * @return what the method returned
   * @throws Exception what the permission check or the method threw, unwrapped
   */
  public static Object invoke(Caller caller, Object resource, String name, Object... arguments) throws Exception {
    Method method = Arrays.stream(resource.getClass().getMethods()).filter(m -> m.getName().equals(name))
        .reduce((a, b) -> {
          throw new IllegalArgumentException("more than one method " + name + " on " + resource.getClass());
        })
        .orElseThrow(() -> new IllegalArgumentException("no method " + name + " on " + resource.getClass()));
    return new ResourceCall(resource, method, arguments).through(caller);
  }

  /** A call of {@code method} whose body is not run, only recorded: for tests of the interceptor itself. */
  static ResourceCall recording(Method method) {
    return new ResourceCall(null, method, new Object[0]);
  }

  Object through(Caller caller) throws Exception {
    RequiresInterceptor interceptor = new RequiresInterceptor();
    interceptor.caller = caller;
    return interceptor.checkPermission(this);
  }

  /** Whether the check let the call through to the method. */
  boolean proceeded() {
    return proceeded;
  }

  @Override
  public Object getTarget() {
    return resource;
  }

  @Override
  public Object getTimer() {
    return null;
  }

  @Override
  public Method getMethod() {
    return method;
  }

  @Override
  public Constructor<?> getConstructor() {
    return null;
  }

  @Override
  public Object[] getParameters() {
    return arguments.clone();
  }

  @Override
  public void setParameters(Object[] params) {
    this.arguments = params.clone();
  }

  @Override
  public Map<String, Object> getContextData() {
    return data;
  }

  @Override
  public Object proceed() throws Exception {
    proceeded = true;
    if (resource == null) {
      return "proceeded";
    }
    try {
      return method.invoke(resource, arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception failure) {
        throw failure;
      }
      throw (Error) e.getCause();
    }
  }
}
