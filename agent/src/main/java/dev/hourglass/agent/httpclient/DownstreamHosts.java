package dev.hourglass.agent.httpclient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The downstream hosts the application calls and their latest rate-limit state: the in-memory view
 * the dashboard serves ({@link #views}).
 *
 * <p>Thread-safe. Looking up a known host is a concurrent-map read and allocates nothing. At most
 * {@code capacity} hosts are kept; calls to further hosts are still measured, but not listed here.
 */
public final class DownstreamHosts {
  private final ConcurrentHashMap<String, DownstreamHost> hosts = new ConcurrentHashMap<>();
  private final int capacity;
  private final LongSupplier epochMillis;

  /**
   * @param capacity the most hosts to keep
   * @param epochMillis the wall clock (reset times are wall-clock instants)
   */
  public DownstreamHosts(int capacity, LongSupplier epochMillis) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.epochMillis = epochMillis;
  }

  /** The host's entry, created on first sight; null for a missing address or past capacity. */
  DownstreamHost get(String address) {
    if (address == null || address.isEmpty()) {
      return null;
    }
    DownstreamHost host = hosts.get(address);
    if (host != null || hosts.size() >= capacity) {
      return host;
    }
    return hosts.computeIfAbsent(address, key -> new DownstreamHost(key, epochMillis));
  }

  long now() {
    return epochMillis.getAsLong();
  }

  /** Every known host, by address. Safe to call from any thread; allocates the copies. */
  public List<DownstreamHostView> views() {
    long now = now();
    List<DownstreamHostView> views = new ArrayList<>(hosts.size());
    for (DownstreamHost host : hosts.values()) {
      views.add(host.view(now));
    }
    views.sort(Comparator.comparing(DownstreamHostView::address));
    return views;
  }
}
