package dev.hourglass.agent.httpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.bootstrap.HeaderLookup;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {
  private static final long NOW = 1_700_000_000_000L; // epoch millis
  private static final HeaderLookup<Map<String, String>> LOOKUP = Map::get;

  private final RateLimitReading reading = new RateLimitReading();

  private boolean read(int status, String... namesAndValues) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return RateLimitHeaders.read(headers, LOOKUP, status, NOW, reading);
  }

  @Test
  void githubHeaders_giveLimitRemainingUsedAndAnEpochReset() {
    assertThat(
            read(
                200,
                "X-RateLimit-Limit", "5000",
                "X-RateLimit-Remaining", "4990",
                "X-RateLimit-Used", "10",
                "X-RateLimit-Reset", "1700000060"))
        .isTrue();

    assertThat(reading.limit).isEqualTo(5000.0);
    assertThat(reading.remaining).isEqualTo(4990.0);
    assertThat(reading.used).isEqualTo(10.0);
    assertThat(reading.resetEpochMillis).isEqualTo(1_700_000_060_000L);
    assertThat(reading.utilization()).isEqualTo(10.0 / 5000);
  }

  @Test
  void ietfSeparateFields_giveAResetInSecondsFromNow() {
    read(200, "RateLimit-Limit", "100, 100;w=60", "RateLimit-Remaining", "25", "RateLimit-Reset", "30");

    assertThat(reading.limit).isEqualTo(100.0);
    assertThat(reading.remaining).isEqualTo(25.0);
    assertThat(reading.used).isNaN();
    assertThat(reading.resetEpochMillis).isEqualTo(NOW + 30_000);
    assertThat(reading.utilization()).isEqualTo(0.75);
  }

  @Test
  void earlyDraftStructuredField_namesLimitRemainingAndReset() {
    read(200, "RateLimit", "limit=10, remaining=4, reset=5");

    assertThat(reading.limit).isEqualTo(10.0);
    assertThat(reading.remaining).isEqualTo(4.0);
    assertThat(reading.resetEpochMillis).isEqualTo(NOW + 5_000);
  }

  @Test
  void laterDraftStructuredField_takesTheLimitFromThePolicyQuota() {
    read(200, "RateLimit", "\"default\";r=50;t=30", "RateLimit-Policy", "\"default\";q=100;w=60");

    assertThat(reading.limit).isEqualTo(100.0);
    assertThat(reading.remaining).isEqualTo(50.0);
    assertThat(reading.resetEpochMillis).isEqualTo(NOW + 30_000);
  }

  @Test
  void retryAfterSeconds_on429_givesTheReset() {
    assertThat(read(429, "Retry-After", "120")).isTrue();

    assertThat(reading.resetEpochMillis).isEqualTo(NOW + 120_000);
    assertThat(reading.limit).isNaN();
  }

  @Test
  void retryAfterHttpDate_on503_givesTheReset() {
    read(503, "Retry-After", "Tue, 14 Nov 2023 22:14:20 GMT");

    assertThat(reading.resetEpochMillis).isEqualTo(1_700_000_060_000L);
  }

  @Test
  void retryAfter_isIgnoredOnOtherStatuses_andAnExplicitResetWins() {
    assertThat(read(200, "Retry-After", "120")).isFalse();

    read(429, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1700000010", "Retry-After", "99");
    assertThat(reading.resetEpochMillis).isEqualTo(1_700_000_010_000L);
  }

  @Test
  void responseWithoutRateLimitHeaders_readsNothing() {
    assertThat(read(200, "Content-Type", "text/plain")).isFalse();
    assertThat(reading.isEmpty()).isTrue();
  }

  @Test
  void malformedValues_areIgnoredFieldByField() {
    read(
        429,
        "X-RateLimit-Limit", "lots",
        "X-RateLimit-Remaining", "7",
        "X-RateLimit-Reset", "-5",
        "Retry-After", "soon");

    assertThat(reading.limit).isNaN();
    assertThat(reading.remaining).isEqualTo(7.0);
    assertThat(reading.resetEpochMillis).isEqualTo(RateLimitReading.NO_RESET);
    assertThat(reading.utilization()).isNaN();
  }

  @Test
  void remainingAboveLimit_givesNoUtilization() {
    read(200, "X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "11");

    assertThat(reading.utilization()).isNaN();
  }

  @Test
  void randomGarbage_neverThrows() {
    Random random = new Random(20261125L);
    String[] names = {
      "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Used", "X-RateLimit-Reset",
      "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit", "RateLimit-Policy",
      "Retry-After"
    };
    String alphabet = "0123456789.,;=-+ \t\"eErtqw:GMTabc\u0000\u00ff\uffff";
    for (int round = 0; round < 20_000; round++) {
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (String name : names) {
        if (random.nextInt(3) > 0) {
          StringBuilder value = new StringBuilder();
          int length = random.nextInt(40);
          for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          headers.put(name, value.toString());
        }
      }
      int status = random.nextBoolean() ? 429 : 200 + random.nextInt(400);
      RateLimitHeaders.read(headers, LOOKUP, status, NOW, reading);
      double utilization = reading.utilization();
      assertThat(Double.isNaN(utilization) || utilization >= 0).isTrue();
    }
  }
}
