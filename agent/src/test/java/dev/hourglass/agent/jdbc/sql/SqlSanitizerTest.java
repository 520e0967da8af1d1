package dev.hourglass.agent.jdbc.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlSanitizerTest {
  private static final SqlSanitizer STANDARD = new SqlSanitizer(false, 4096);
  private static final SqlSanitizer MYSQL = new SqlSanitizer(true, 4096);

  private static String text(String sql) {
    return STANDARD.sanitize(sql).text();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "SELECT * FROM owners WHERE id = 42 | SELECT * FROM owners WHERE id = ?",
        "select name from pets where name = 'Rex' and age > 3.5 | select name from pets where name = ? and age > ?",
        "SELECT 'it''s' , \"Owner\".\"Name\" FROM \"Owner\" | SELECT ?, \"Owner\".\"Name\" FROM \"Owner\"",
        "SELECT x FROM t WHERE a = E'don\\'t' | SELECT x FROM t WHERE a = ?",
        "SELECT x FROM t WHERE a = 'C:\\\\path\\\\' AND b = 1 | SELECT x FROM t WHERE a = ? AND b = ?",
        "SELECT id FROM t WHERE id IN (1, 2, 3, 4) | SELECT id FROM t WHERE id IN (?)",
        "SELECT id FROM t WHERE id in (?,?,?) | SELECT id FROM t WHERE id in (?)",
        "SELECT id FROM t WHERE id NOT IN ('a', 'b') | SELECT id FROM t WHERE id NOT IN (?)",
        "INSERT INTO pets (name, age) VALUES ('a', 1), ('b', 2), ('c', 3) | INSERT INTO pets(name, age) VALUES (?, ?)",
        "INSERT INTO pets(name) VALUES (?) | INSERT INTO pets(name) VALUES (?)",
        "UPDATE owners SET city = 'Oslo' WHERE id = -7 | UPDATE owners SET city = ? WHERE id = -?",
        "DELETE FROM visits WHERE date < DATE '2024-01-01' | DELETE FROM visits WHERE date < DATE ?",
        "SELECT a FROM t -- trailing secret 'x'\\n WHERE b = 1 | SELECT a FROM t WHERE b = ?",
        "SELECT /* hint: user=bob@example.com */ a FROM t | SELECT a FROM t",
        "SELECT /* outer /* nested */ still comment */ a FROM t | SELECT a FROM t",
        "SELECT $$dollar ' quoted$$, $tag$ body $x$ $tag$ FROM t | SELECT ?, ? FROM t",
        "SELECT * FROM t WHERE a = $1 AND b = $2 | SELECT * FROM t WHERE a = ? AND b = ?",
        "SELECT x'DEADBEEF', 0xCAFE, X'00', B'0101', N'name' | SELECT ?, ?, ?, ?, ?",
        "SELECT 1e10, .5, 1.5E-3, 42L | SELECT ?, ?, ?, ?",
        "SELECT a::int, '5'::numeric FROM t | SELECT a::int, ?::numeric FROM t",
        "SELECT count(*) FROM t WHERE name LIKE 'A%' | SELECT count(*) FROM t WHERE name LIKE ?",
        "SELECT *\\n\\tFROM   t\\n  WHERE  a=1 | SELECT * FROM t WHERE a = ?",
        "SELECT a FROM t WHERE b = :name | SELECT a FROM t WHERE b = ?",
        "SELECT a FROM t; SELECT b FROM u WHERE c = 'd'; | SELECT a FROM t; SELECT b FROM u WHERE c = ?",
        "{call update_owner(?, 'x')} | {call update_owner(?, ?)}",
        "{? = call next_id()} | {? = call next_id()}",
        "SELECT a FROM t WHERE b = 'unterminated secret | SELECT a FROM t WHERE b = ?",
        "SELECT a FROM t WHERE b = 1 /* unterminated comment 'x' | SELECT a FROM t WHERE b = ?",
        "SELECT \"unterminated identifier | SELECT ?",
        "SELECT U&'d\\0061t\\+000061' FROM t | SELECT ? FROM t",
        "SELECT a[1:2] FROM t | SELECT a[?:?] FROM t",
      })
  void sanitizesRealWorldSql(String sql, String expected) {
    assertThat(text(sql.replace("\\n", "\n").replace("\\t", "\t"))).isEqualTo(expected);
  }

  @Test
  void commonTableExpressionTakesTheMainStatementsOperationAndTable() {
    SqlShape shape =
        STANDARD.sanitize(
            "WITH recent AS (SELECT owner_id FROM visits WHERE date > '2024-01-01'),"
                + " busy AS (SELECT owner_id FROM recent GROUP BY owner_id HAVING count(*) > 3)"
                + " SELECT o.name FROM owners o JOIN busy b ON b.owner_id = o.id");
    assertThat(shape.text())
        .isEqualTo(
            "WITH recent AS (SELECT owner_id FROM visits WHERE date > ?), busy AS (SELECT owner_id"
                + " FROM recent GROUP BY owner_id HAVING count(*) > ?) SELECT o.name FROM owners o"
                + " JOIN busy b ON b.owner_id = o.id");
    assertThat(shape.operation()).isEqualTo("SELECT");
    assertThat(shape.table()).isEqualTo("owners");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT * FROM public.owners WHERE id = ? | SELECT | public.owners",
        "select * from \"Owner\" o | SELECT | Owner",
        "SELECT * FROM (SELECT * FROM pets) p | SELECT | ''",
        "SELECT (SELECT max(id) FROM visits) FROM owners | SELECT | owners",
        "INSERT INTO pets (name) VALUES (?) | INSERT | pets",
        "INSERT IGNORE INTO `pets` VALUES (?) | INSERT | pets",
        "UPDATE ONLY owners SET a = ? | UPDATE | owners",
        "DELETE FROM visits WHERE id = ? | DELETE | visits",
        "MERGE INTO owners USING src ON (a = b) | MERGE | owners",
        "{call app.update_owner(?)} | CALL | app.update_owner",
        "CREATE TABLE IF NOT EXISTS pets (id INT) | CREATE | pets",
        "TRUNCATE visits | TRUNCATE | visits",
        "(SELECT a FROM t) UNION (SELECT a FROM u) | SELECT | t",
        "SET search_path TO app | SET | ''",
      })
  void findsOperationAndMainTable(String sql, String operation, String table) {
    SqlShape shape = STANDARD.sanitize(sql);
    assertThat(shape.operation()).isEqualTo(operation);
    assertThat(shape.table()).isEqualTo(table);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CREATE USER alice WITH PASSWORD 'hunter2' | CREATE USER ?",
        "create role app login password 'hunter2' | CREATE ROLE ?",
        "ALTER USER alice PASSWORD hunter2 | ALTER USER ?",
        "ALTER ROLE app WITH ENCRYPTED PASSWORD 'md5abc' | ALTER ROLE ?",
        "CREATE USER bob IDENTIFIED BY hunter2 | CREATE USER ?",
        "ALTER USER bob IDENTIFIED BY \"hunter2\" | ALTER USER ?",
        "SET PASSWORD FOR 'bob'@'%' = PASSWORD('hunter2') | SET PASSWORD ?",
        "GRANT ALL ON db.* TO bob IDENTIFIED BY hunter2 | GRANT ?",
        "CREATE LOGIN app WITH PASSWORD = 'hunter2' | CREATE LOGIN ?",
        "SELECT 1; ALTER USER bob PASSWORD hunter2 | ALTER USER ?",
        "CREATE DATABASE LINK remote CONNECT TO bob IDENTIFIED BY hunter2 USING 'x' | CREATE ?",
      })
  void masksStatementsThatCarrySecretsUnquotedWhole(String sql, String expected) {
    SqlShape shape = STANDARD.sanitize(sql);
    assertThat(shape.text()).isEqualTo(expected);
    assertThat(shape.masked()).isTrue();
    assertThat(shape.text()).doesNotContainIgnoringCase("hunter2").doesNotContain("bob");
  }

  @Test
  void aPasswordColumnIsSanitizedNormallyNotMasked() {
    SqlShape shape = STANDARD.sanitize("SELECT id FROM users WHERE password = 'hunter2'");
    assertThat(shape.text()).isEqualTo("SELECT id FROM users WHERE password = ?");
    assertThat(shape.masked()).isFalse();
  }

  @Test
  void mysqlDoubleQuotesAreStringsAndHashStartsAComment() {
    assertThat(MYSQL.sanitize("SELECT * FROM t WHERE email = \"a@b.com\" # note 'x'").text())
        .isEqualTo("SELECT * FROM t WHERE email = ?");
    assertThat(MYSQL.sanitize("SELECT `select` FROM `my table` WHERE a = 'it\\'s'").text())
        .isEqualTo("SELECT `select` FROM `my table` WHERE a = ?");
  }

  @Test
  void aBackslashBeforeAQuoteHidesWhatEitherReadingCallsALiteral() {
    // PostgreSQL (standard_conforming_strings) reads 'C:\' as complete; MySQL reads it as open.
    assertThat(text("SELECT * FROM t WHERE path = 'C:\\' AND token = 'zq-secret-1'"))
        .isEqualTo("SELECT * FROM t WHERE path = ?");
    assertThat(MYSQL.sanitize("SELECT * FROM t WHERE path = 'C:\\' AND token = 'zq-secret-1'").text())
        .isEqualTo("SELECT * FROM t WHERE path = ?");
    // MySQL reads \' as an escaped quote; PostgreSQL would end the string there.
    assertThat(text("SELECT * FROM t WHERE a = 'it\\'s zq-secret-2' AND b = 1"))
        .isEqualTo("SELECT * FROM t WHERE a = ?");
    // Where both readings agree, the shape is kept.
    assertThat(text("SELECT * FROM t WHERE a = 'C:\\\\dir' AND b = E'\\'' AND c = 1"))
        .isEqualTo("SELECT * FROM t WHERE a = ? AND b = ? AND c = ?");
  }

  @Test
  void longSqlIsCutAtTheLimitAndACutLiteralStaysHidden() {
    SqlSanitizer small = new SqlSanitizer(false, 40);
    SqlShape shape = small.sanitize("SELECT a FROM t WHERE b = 'secret-value-that-is-cut-in-half'");
    assertThat(shape.truncated()).isTrue();
    assertThat(shape.text()).isEqualTo("SELECT a FROM t WHERE b = ? ...");
  }

  @Test
  void emptyAndCommentOnlySqlHaveAnEmptyShape() {
    assertThat(STANDARD.sanitize("  -- nothing\n /* at all */ ;").text()).isEmpty();
    assertThat(STANDARD.sanitize("").operation()).isEmpty();
  }
}
