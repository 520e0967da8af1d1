package dev.hourglass.agent.httpclient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderNumbersTest {

  @Test
  void parse_readsIntegersAndDecimalsWithSurroundingSpaces() {
    assertThat(HeaderNumbers.parse("5000")).isEqualTo(5000.0);
    assertThat(HeaderNumbers.parse(" 42\t")).isEqualTo(42.0);
    assertThat(HeaderNumbers.parse("0")).isEqualTo(0.0);
    assertThat(HeaderNumbers.parse("1.5")).isEqualTo(1.5);
  }

  @Test
  void parse_rejectsEverythingElseAsNaN() {
    for (String garbage :
        new String[] {
          null, "", " ", "-1", "+1", "1e3", "abc", "12abc", "1.", ".5", "1.2.3", "0x10", "١٢",
          "1 2", "1234567890123456", "NaN", "Infinity"
        }) {
      assertThat(HeaderNumbers.parse(garbage)).as("'%s'", garbage).isNaN();
    }
  }

  @Test
  void leading_readsTheNumberBeforeTheFirstListOrParameterSeparator() {
    assertThat(HeaderNumbers.leading("100, 100;w=60")).isEqualTo(100.0);
    assertThat(HeaderNumbers.leading("100;w=60")).isEqualTo(100.0);
    assertThat(HeaderNumbers.leading("60")).isEqualTo(60.0);
    assertThat(HeaderNumbers.leading("\"default\";q=100")).isNaN();
  }
}
