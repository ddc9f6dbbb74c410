package dev.bizo.benchmarks.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Runs one write in a loop on each of N threads for a fixed time and collects every latency. */
final class ConcurrentLoad {

  /** One client's writes: {@link #write(int, long)} returns whether the write succeeded. */
  interface Client extends AutoCloseable {
    boolean write(int client, long sequence) throws Exception;

    @Override
    default void close() throws Exception {}
  }

  /** Opens the client of thread {@code index}. */
  interface ClientFactory {
    Client open(int index) throws Exception;
  }

  private ConcurrentLoad() {}

  /**
   * {@code clients} threads, each with its own client, writing as fast as they are answered for
   * {@code seconds}; the clock starts once every client is open.
   */
  static LoadResult run(int clients, double seconds, ClientFactory factory, AtomicLong sequence) throws Exception {
    CountDownLatch opened = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    AtomicLong errors = new AtomicLong();
    AtomicReference<Throwable> firstError = new AtomicReference<>();
    List<double[]> perThread = new ArrayList<>();
    long[] window = new long[2];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      int index = i;
      double[][] latencies = {new double[4096]};
      int[] count = new int[1];
      Thread t = new Thread(() -> {
        try (Client client = factory.open(index)) {
          opened.countDown();
          go.await();
          long end = window[1];
          while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            boolean ok;
            try {
              ok = client.write(index, sequence.incrementAndGet());
            } catch (Exception e) {
              firstError.compareAndSet(null, e);
              ok = false;
            }
            long t1 = System.nanoTime();
            if (ok) {
              if (count[0] == latencies[0].length) {
                latencies[0] = java.util.Arrays.copyOf(latencies[0], count[0] * 2);
              }
              latencies[0][count[0]++] = (t1 - t0) / 1e6;
            } else {
              errors.incrementAndGet();
            }
          }
        } catch (Exception e) {
          firstError.compareAndSet(null, e);
          opened.countDown();
        }
        synchronized (perThread) {
          perThread.add(java.util.Arrays.copyOf(latencies[0], count[0]));
        }
      }, "load-client-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    opened.await();
    window[0] = System.nanoTime();
    window[1] = window[0] + (long) (seconds * 1e9);
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - window[0]) / 1e9;
    int total = perThread.stream().mapToInt(a -> a.length).sum();
    double[] all = new double[total];
    int at = 0;
    for (double[] a : perThread) {
      System.arraycopy(a, 0, all, at, a.length);
      at += a.length;
    }
    if (total == 0) {
      Throwable e = firstError.get();
      throw new IllegalStateException("no write succeeded" + (e == null ? "" : ": " + e), e);
    }
    if (errors.get() > total / 100) {
      Throwable e = firstError.get();
      throw new IllegalStateException(errors.get() + " of " + (errors.get() + total) + " writes failed" + (e == null ? "" : ": " + e), e);
    }
    return new LoadResult(total, errors.get(), elapsed, all);
  }
}
