package dev.hourglass.agent.jdbc.sql;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever text an application passes as SQL (garbage, binary, half a statement), sanitizing it
 * never throws and yields a shape no longer than the input allows. {@link
 * SqlSanitizerRandomizedTest} checks that planted literals never survive.
 */
class SqlSanitizerPropertyTest {
  private static final SqlSanitizer STANDARD = new SqlSanitizer(false, 4096);
  private static final SqlSanitizer MYSQL = new SqlSanitizer(true, 4096);
  private static final SqlSanitizer SHORT = new SqlSanitizer(false, 16);

  @Property(tries = 1000)
  void anyTextSanitizesWithoutThrowing(@ForAll("sqlish") String sql) {
    for (SqlSanitizer sanitizer : new SqlSanitizer[] {STANDARD, MYSQL, SHORT}) {
      SqlShape shape = sanitizer.sanitize(sql);

      // Each input character yields at most "? " (a one-character literal) plus a separator.
      assertThat(shape.text().length()).isLessThanOrEqualTo(3 * sql.length() + " ...".length());
      assertThat(shape.truncated()).isEqualTo(sql.length() > sanitizer.maxLength());
    }
  }

  /** Any characters, and text made of what SQL lexers care about. */
  @Provide
  Arbitrary<String> sqlish() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(200),
        Arbitraries.strings().withChars("'\"`$\\/*-#?:;,.()eEnNxXbBuU&_0123456789 \n\tSELECT")
            .ofMaxLength(200));
  }
}
