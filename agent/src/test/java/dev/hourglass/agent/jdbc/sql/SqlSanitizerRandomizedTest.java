package dev.hourglass.agent.jdbc.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Plants secrets as literals (strings with hostile content, backslashes read either way, E''
 * strings, numbers, hex, dollar-quoted bodies, e-mails, card numbers), in comments (nested, MySQL
 * {@code #}) and after unterminated quotes and comments, in random statement shapes, and checks
 * that sanitizing never throws and no planted secret survives. The seed is fixed so a failure
 * reproduces; the case is printed with it.
 */
class SqlSanitizerRandomizedTest {
  private static final int CASES = 10_000;
  private static final String[] NOISE = {
    "'", "''", "\\", "\\'", "--", "/*", "*/", ";", "\"", "`", "$$", "$x$", "\n", " ", "(", ")", ",",
    "?", "#", "IN (", "password", "e", "."
  };

  private static final String[] UNTERMINATED = {
    " AND z = '", " AND z = E'\\' ", " /* ", " AND z = $q$"
  };

  private final Random random = new Random(20261125L);

  @Test
  void noPlantedLiteralSurvivesInStandardSql() {
    assertNoSecretSurvives(new SqlSanitizer(false, 4096), false);
  }

  @Test
  void noPlantedLiteralSurvivesInMysqlSql() {
    assertNoSecretSurvives(new SqlSanitizer(true, 4096), true);
  }

  @Test
  void noPlantedLiteralSurvivesWhenCutShort() {
    assertNoSecretSurvives(new SqlSanitizer(false, 64), false);
  }

  private void assertNoSecretSurvives(SqlSanitizer sanitizer, boolean mysql) {
    for (int i = 0; i < CASES; i++) {
      List<String> secrets = new ArrayList<>();
      String sql = statement(secrets, mysql) + unterminatedTail(secrets);
      String text;
      try {
        text = sanitizer.sanitize(sql).text();
      } catch (RuntimeException e) {
        throw new AssertionError("case " + i + " threw on: " + sql, e);
      }
      for (String secret : secrets) {
        assertThat(text).as("case %d: %s", i, sql).doesNotContain(secret);
      }
    }
  }

  private String statement(List<String> secrets, boolean mysql) {
    switch (random.nextInt(7)) {
      case 0:
        return "SELECT a, b FROM t WHERE x = " + literal(secrets, mysql) + " AND y IN ("
            + literal(secrets, mysql) + ", " + literal(secrets, mysql) + ")" + comment(secrets);
      case 1:
        return "INSERT INTO t (a, b) VALUES (" + literal(secrets, mysql) + ", "
            + literal(secrets, mysql) + "), (" + literal(secrets, mysql) + ", ?)";
      case 2:
        return "UPDATE t SET a = " + literal(secrets, mysql) + comment(secrets) + " WHERE id = "
            + literal(secrets, mysql) + "; DELETE FROM u WHERE k = " + literal(secrets, mysql);
      case 3:
        return "WITH c AS (SELECT f(" + literal(secrets, mysql) + ") FROM t) SELECT * FROM c WHERE z"
            + " LIKE " + literal(secrets, mysql);
      case 4:
        return "SELECT a FROM t ORDER BY CASE WHEN a = " + literal(secrets, mysql) + " THEN "
            + literal(secrets, mysql) + " ELSE b END LIMIT " + literal(secrets, mysql) + " OFFSET "
            + literal(secrets, mysql) + comment(secrets, mysql);
      case 5:
        return "SELECT ARRAY[" + literal(secrets, mysql) + ", " + literal(secrets, mysql)
            + "], " + literal(secrets, mysql) + "::text, j->>" + literal(secrets, mysql)
            + " FROM t WHERE (a, b) IN ((" + literal(secrets, mysql) + ", "
            + literal(secrets, mysql) + "))";
      default:
        return "{call p(" + literal(secrets, mysql) + ", ?)}" + comment(secrets, mysql);
    }
  }

  /** Nothing, or a quote or comment left open with a secret inside. */
  private String unterminatedTail(List<String> secrets) {
    int opener = random.nextInt(UNTERMINATED.length + 2);
    if (opener >= UNTERMINATED.length) {
      return "";
    }
    String secret = secret();
    secrets.add(secret);
    return UNTERMINATED[opener] + secret;
  }

  private String literal(List<String> secrets, boolean mysql) {
    String secret = secret();
    secrets.add(secret);
    switch (random.nextInt(13)) {
      case 0:
        return "'" + hostile(secret, '\'') + "'";
      case 1:
        return "E'" + hostile(secret, '\'') + "'";
      case 2:
        return "$tag$ " + hostile(secret, '$') + " $tag$";
      case 3:
        return mysql ? "\"" + hostile(secret, '"') + "\"" : "'" + secret + "@example.com'";
      case 4: {
        String digits = digits(12);
        secrets.set(secrets.size() - 1, digits);
        return digits;
      }
      case 5: {
        String card = "4111" + digits(12);
        secrets.set(secrets.size() - 1, card.substring(4));
        return random.nextBoolean() ? card : "'" + card.substring(0, 4) + "-" + card.substring(4, 8)
            + "-" + card.substring(8, 12) + "-" + card.substring(12) + "'";
      }
      case 6: {
        String hex = "DEADBEEF" + digits(8);
        secrets.set(secrets.size() - 1, hex);
        return random.nextBoolean() ? "0x" + hex : "X'" + hex + "'";
      }
      case 7:
        return "N'" + hostile(secret, '\'') + "'";
      case 8: {
        String decimal = digits(6) + "." + digits(6);
        secrets.set(secrets.size() - 1, decimal.substring(0, 6));
        return "-" + decimal + "e-3";
      }
      case 9:
        // A Windows path in a standard string (no escapes): complete in PostgreSQL, open in MySQL.
        return "'C:\\dir\\" + secret + "\\'";
      case 10:
        // A quote escaped by backslash (MySQL): open in PostgreSQL after the first quote.
        return "'it\\'s " + secret + "'";
      case 11:
        return "E'\\'" + secret + "\\n\\''";
      default:
        return "$$" + hostile(secret, '$').replace("$", "") + "$$";
    }
  }

  /** The secret wrapped in characters that end quotes or start comments, properly escaped. */
  private String hostile(String secret, char quote) {
    StringBuilder body = new StringBuilder();
    for (int i = random.nextInt(4); i > 0; i--) {
      body.append(NOISE[random.nextInt(NOISE.length)]);
    }
    body.append(secret);
    for (int i = random.nextInt(4); i > 0; i--) {
      body.append(NOISE[random.nextInt(NOISE.length)]);
    }
    String text = body.toString();
    if (quote == '$') {
      return text.replace("$tag$", "");
    }
    // Escape the quote by doubling and every backslash, as a driver or a careful app would.
    return text.replace("\\", "\\\\").replace(String.valueOf(quote), "" + quote + quote);
  }

  private String comment(List<String> secrets) {
    return comment(secrets, false);
  }

  private String comment(List<String> secrets, boolean mysql) {
    String secret = secret();
    secrets.add(secret);
    switch (random.nextInt(mysql ? 4 : 3)) {
      case 0:
        return " /* " + secret + " */";
      case 1:
        return " -- " + secret + "\n";
      case 2:
        // Nested: PostgreSQL and the standard read all of it as one comment.
        return mysql ? " /* " + secret + " */" : " /* a /* b */ " + secret + " */";
      default:
        return " # " + secret + "\n";
    }
  }

  private String secret() {
    StringBuilder secret = new StringBuilder("zq");
    for (int i = 0; i < 10; i++) {
      secret.append((char) ('a' + random.nextInt(26)));
    }
    return secret.toString();
  }

  private String digits(int count) {
    StringBuilder digits = new StringBuilder();
    digits.append((char) ('1' + random.nextInt(9)));
    for (int i = 1; i < count; i++) {
      digits.append((char) ('0' + random.nextInt(10)));
    }
    return digits.toString();
  }
}
