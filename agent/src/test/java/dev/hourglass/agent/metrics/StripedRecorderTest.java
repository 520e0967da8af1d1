package dev.hourglass.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class StripedRecorderTest {
  @Test
  void oneThreadAtATimeUsesOneStripe() {
    StripedRecorder recorder = new StripedRecorder();
    for (long micros = 1; micros <= 10_000; micros++) {
      recorder.record(micros, 1);
    }

    Histogram interval = recorder.intervalHistogram();

    assertThat(recorder.stripeCount()).isEqualTo(1);
    assertThat(interval.getTotalCount()).isEqualTo(10_000);
    assertThat(interval.getMaxValue()).isBetween(10_000L, 10_010L); // 3 significant digits
  }

  @Test
  void eachIntervalHoldsOnlyWhatWasRecordedSinceThePreviousOne() {
    StripedRecorder recorder = new StripedRecorder();
    recorder.record(100, 3);
    assertThat(recorder.intervalHistogram().getTotalCount()).isEqualTo(3);

    recorder.record(2_000, 5);
    Histogram second = recorder.intervalHistogram();

    assertThat(second.getTotalCount()).isEqualTo(5);
    assertThat(second.getValueAtPercentile(50)).isBetween(2_000L, 2_001L);
    assertThat(recorder.intervalHistogram().getTotalCount()).isZero();
  }

  @Test
  void threadsRecordingAtOnceWhileIntervalsAreTakenLoseNothing() throws Exception {
    StripedRecorder recorder = new StripedRecorder();
    int threads = 8;
    int perThread = 200_000;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Histogram all = new Histogram(3);
    Thread reader = // the clock thread taking intervals while the writers record
        new Thread(
            () -> {
              try {
                start.await();
                for (int i = 0; i < 50; i++) {
                  all.add(recorder.intervalHistogram());
                  Thread.sleep(2);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    reader.start();
    for (int t = 0; t < threads; t++) {
      long value = 10L << t; // one value per thread, so a lost or misplaced record shows
      pool.submit(
          () -> {
            start.await();
            for (int i = 0; i < perThread; i++) {
              recorder.record(value, 1);
            }
            return null;
          });
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("no writer stuck").isTrue();
    reader.join();
    all.add(recorder.intervalHistogram());

    assertThat(all.getTotalCount()).isEqualTo((long) threads * perThread);
    for (int t = 0; t < threads; t++) {
      assertThat(all.getCountAtValue(10L << t)).as("thread %d's value", t).isEqualTo(perThread);
    }
    assertThat(recorder.stripeCount()).isBetween(1, StripedRecorder.MAX_STRIPES);
  }
}
