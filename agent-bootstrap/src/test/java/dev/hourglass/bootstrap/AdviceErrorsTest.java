package dev.hourglass.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class AdviceErrorsTest {

  @Test
  void describesAFaultByItsClassAndOrigin_neverByItsMessage() {
    SQLException driverFault =
        new SQLException("cannot connect to jdbc:postgresql://db/app?password=hunter2");

    String described = AdviceErrors.describe(driverFault);

    assertThat(described)
        .isEqualTo("java.sql.SQLException at " + driverFault.getStackTrace()[0])
        .contains("AdviceErrorsTest.describesAFaultByItsClassAndOrigin")
        .doesNotContain("hunter2");
  }

  @Test
  void aFaultWithoutStackIsDescribedByItsClass() {
    IllegalStateException fault = new IllegalStateException("header value: Bearer abc");
    fault.setStackTrace(new StackTraceElement[0]);

    assertThat(AdviceErrors.describe(fault)).isEqualTo("java.lang.IllegalStateException");
  }
}
