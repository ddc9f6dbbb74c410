package dev.bizo.core.http;

import dev.bizo.core.ForbiddenException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether the server may open a connection to a URL given by a tenant or a model (SEO page fetches,
 * webhook endpoints). Only {@code http} and {@code https} are allowed, and the host is resolved and refused
 * when any of its addresses is loopback, private (RFC 1918), carrier-grade NAT, link-local (including the
 * 169.254.169.254 cloud metadata address), multicast, broadcast, unspecified, or IPv6 unique-local —
 * including IPv4 addresses embedded in NAT64, 6to4 and IPv4-compatible IPv6 addresses.
 * Hosts on an explicit allow-list skip the address check (for local test servers).
 *
 * <p>Known limit: the address is checked before the HTTP client resolves the name again, so a DNS server
 * that answers differently within seconds (rebinding) is not caught here; run fetches behind an egress proxy
 * where that matters.
 */
public final class SsrfGuard {

  /** Refusal code. */
  public static final String REFUSED = "net.destination_refused";

  /** Resolves a host name to its addresses; replaceable for tests. */
  @FunctionalInterface
  public interface HostResolver {

    /**
     * Resolves a name.
     *
     * @param host the host name or literal address
     * @return all its addresses
     * @throws UnknownHostException when it does not resolve
     */
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final Set<String> allowedHosts;
  private final HostResolver resolver;

  private SsrfGuard(Set<String> allowedHosts, HostResolver resolver) {
    this.allowedHosts = Set.copyOf(allowedHosts);
    this.resolver = resolver;
  }

  /**
   * The guard with no exceptions, resolving through the system resolver.
   *
   * @return the strict guard
   */
  public static SsrfGuard strict() {
    return builder().build();
  }

  /**
   * A builder for a guard with an allow-list or another resolver.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks a URL and returns the addresses it resolved to.
   *
   * @param url the URL
   * @return the resolved addresses, all permitted
   * @throws ForbiddenException with code {@value #REFUSED} when the scheme, host or an address is refused
   */
  public List<InetAddress> check(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new ForbiddenException(REFUSED, "only http and https URLs may be fetched, not '" + scheme + ":'");
    }
    String host = url.getHost();
    if (host == null || host.isEmpty()) {
      throw new ForbiddenException(REFUSED, "URL has no host: " + url);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new ForbiddenException(REFUSED, "host does not resolve: " + host);
    }
    if (addresses.length == 0) {
      throw new ForbiddenException(REFUSED, "host does not resolve: " + host);
    }
    if (!allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
      for (InetAddress address : addresses) {
        String reason = refusalReason(address);
        if (reason != null) {
          throw new ForbiddenException(
              REFUSED, "host " + host + " resolves to " + reason + " address " + address.getHostAddress());
        }
      }
    }
    return Arrays.asList(addresses);
  }

  /**
   * Whether a URL passes {@link #check(URI)}.
   *
   * @param url the URL
   * @return true when it may be fetched
   */
  public boolean permits(URI url) {
    try {
      check(url);
      return true;
    } catch (ForbiddenException e) {
      return false;
    }
  }

  private static String refusalReason(InetAddress address) {
    if (address.isAnyLocalAddress()) {
      return "an unspecified";
    }
    if (address.isLoopbackAddress()) {
      return "a loopback";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local";
    }
    if (address.isSiteLocalAddress()) {
      return "a private";
    }
    if (address.isMulticastAddress()) {
      return "a multicast";
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 0) {
        return "a 'this network'";
      }
      if (first == 100 && second >= 64 && second <= 127) {
        return "a carrier-grade NAT";
      }
      if (first == 255) {
        return "a broadcast";
      }
    }
    if (address instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return "a unique-local";
      }
      byte[] embedded = embeddedIpv4(b);
      if (embedded != null) {
        try {
          String inner = refusalReason(InetAddress.getByAddress(embedded));
          if (inner != null) {
            return "an IPv6 address embedding " + inner;
          }
        } catch (UnknownHostException e) {
          return "an unparseable embedded IPv4";
        }
      }
    }
    return null;
  }

  /** The IPv4 address inside NAT64 (64:ff9b::/96), 6to4 (2002::/16) or IPv4-compatible (::/96) addresses. */
  private static byte[] embeddedIpv4(byte[] b) {
    boolean nat64 = b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    boolean compatible = true;
    for (int i = 0; i < 12; i++) {
      compatible &= b[i] == 0;
    }
    if (nat64 || compatible) {
      for (int i = 4; i < 12 && nat64; i++) {
        if (b[i] != 0) {
          return null;
        }
      }
      return Arrays.copyOfRange(b, 12, 16);
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return Arrays.copyOfRange(b, 2, 6);
    }
    return null;
  }

  /** Builds a {@link SsrfGuard}. */
  public static final class Builder {
    private final Set<String> allowedHosts = new TreeSet<>();
    private HostResolver resolver = InetAddress::getAllByName;

    private Builder() {}

    /**
     * Lets one host skip the address check, e.g. {@code 127.0.0.1} for a local test server. The name must
     * match the URL's host exactly (case-insensitive, IPv6 without brackets).
     *
     * @param host the host as written in URLs
     * @return this builder
     */
    public Builder allowHost(String host) {
      allowedHosts.add(host.toLowerCase(Locale.ROOT));
      return this;
    }

    /**
     * Replaces the system resolver.
     *
     * @param hostResolver the resolver
     * @return this builder
     */
    public Builder resolver(HostResolver hostResolver) {
      this.resolver = hostResolver;
      return this;
    }

    /**
     * Builds the guard.
     *
     * @return the guard
     */
    public SsrfGuard build() {
      return new SsrfGuard(allowedHosts, resolver);
    }
  }
}
