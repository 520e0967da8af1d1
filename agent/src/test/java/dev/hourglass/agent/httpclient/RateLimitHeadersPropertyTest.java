package dev.hourglass.agent.httpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.bootstrap.HeaderLookup;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Rate-limit headers come from servers the application talks to, not from anyone the agent trusts:
 * whatever their values, reading them never throws, and every number read is a sane one (finite,
 * non-negative, no larger than a double holds exactly; a reset no further than {@link
 * RateLimitHeaders#MAX_RESET_DISTANCE} from now, either way) or absent.
 */
class RateLimitHeadersPropertyTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final HeaderLookup<Map<String, String>> LOOKUP = Map::get;
  private static final double MAX_NUMBER = 1e15;

  @Property(tries = 2000)
  void anyHeaderValuesReadAsSaneNumbersOrNothing(
      @ForAll @Size(max = 6) Map<@From("names") String, @From("values") String> sent,
      @ForAll("statuses") int status) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(sent);
    RateLimitReading reading = new RateLimitReading();

    boolean found = RateLimitHeaders.read(headers, LOOKUP, status, NOW, reading);

    assertThat(found).isEqualTo(!reading.isEmpty());
    assertSaneOrAbsent(reading.limit);
    assertSaneOrAbsent(reading.remaining);
    assertSaneOrAbsent(reading.used);
    if (reading.resetEpochMillis != RateLimitReading.NO_RESET) {
      assertThat(reading.resetEpochMillis)
          .as("reset from %s", headers)
          .isBetween(NOW - RateLimitHeaders.MAX_RESET_DISTANCE.toMillis(),
              NOW + RateLimitHeaders.MAX_RESET_DISTANCE.toMillis());
    }
    double utilization = reading.utilization();
    if (!Double.isNaN(utilization)) {
      assertThat(utilization).isFinite().isGreaterThanOrEqualTo(0);
    }
  }

  @Property(tries = 2000)
  void headerNumbersAreNonNegativeAndBoundedOrNaN(@ForAll("values") String value) {
    assertSaneOrAbsent(HeaderNumbers.parse(value));
    assertSaneOrAbsent(HeaderNumbers.leading(value));
    assertSaneOrAbsent(RateLimitHeaders.param(value, "r"));
  }

  private static void assertSaneOrAbsent(double number) {
    if (!Double.isNaN(number)) {
      assertThat(number).isFinite().isBetween(0.0, MAX_NUMBER);
    }
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of(
        "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Used", "X-RateLimit-Reset",
        "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit",
        "RateLimit-Policy", "Retry-After", "ratelimit-reset", "Content-Type");
  }

  /** Numbers of every size and sign, structured fields, dates, and plain garbage. */
  @Provide
  Arbitrary<String> values() {
    Arbitrary<String> numbers =
        Arbitraries.oneOf(
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.doubles().map(String::valueOf),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30),
            Arbitraries.strings().withChars("0123456789.-+eE ").ofMaxLength(20));
    Arbitrary<String> structured =
        Arbitraries.strings()
            .withChars("0123456789.=,;rtlimqwsemaingpoyz -")
            .ofMaxLength(40);
    return Arbitraries.oneOf(
        numbers,
        structured,
        numbers.map(number -> "limit=" + number + ", remaining=" + number + ", reset=" + number),
        numbers.map(number -> "\"default\";r=" + number + ";t=" + number),
        numbers.map(number -> number + ";w=60;q=" + number),
        Arbitraries.of(
            "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT",
            "Mon, 01 Jan 0001 00:00:00 GMT", "Sun, 06 Nov 1994 08:49:37 GMT", "", " ", ";", "=",
            "999999999999999", "1000000000", "999999999", "9999999999999999999999"),
        Arbitraries.strings().all().ofMaxLength(30));
  }

  @Provide
  Arbitrary<Integer> statuses() {
    return Arbitraries.of(200, 429, 503, 500, 0);
  }
}
