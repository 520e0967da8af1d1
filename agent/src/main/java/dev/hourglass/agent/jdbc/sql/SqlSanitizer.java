package dev.hourglass.agent.jdbc.sql;

import dev.hourglass.agent.jdbc.SqlShapeCache;
import dev.hourglass.agent.jdbc.sql.SqlTokenizer.Kind;
import dev.hourglass.agent.jdbc.sql.SqlTokenizer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns SQL text into its {@link SqlShape}: literals and parameters become {@code ?}, comments
 * disappear, whitespace is normalized, {@code IN (?, ?, ?)} collapses to {@code IN (?)} and repeated
 * {@code VALUES} tuples to one, so that every execution of one statement shares one shape.
 *
 * <p>Statements that can carry a secret outside quotes ({@code CREATE/ALTER USER|ROLE|LOGIN},
 * {@code SET PASSWORD}, anything with {@code IDENTIFIED BY}) are masked whole: only their operation
 * is kept. Input longer than the limit is cut before tokenizing, so a literal cut in half is an
 * unterminated literal and is hidden like any other.
 *
 * <p>Stateless apart from its configuration; safe to share between threads. Allocates freely: it
 * runs once per distinct SQL text (see {@link SqlShapeCache}), not per execution.
 */
public final class SqlSanitizer {
  private static final Set<String> MAIN_OPERATIONS =
      Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE");
  private static final Set<String> ACCOUNT_OBJECTS = Set.of("USER", "ROLE", "LOGIN", "GROUP");
  /** Keywords after which a parenthesis opens a list or subquery, not a function's arguments. */
  private static final Set<String> SPACED_BEFORE_PAREN =
      Set.of(
          "IN", "VALUES", "AS", "FROM", "JOIN", "EXISTS", "ON", "AND", "OR", "NOT", "WHERE",
          "SELECT", "INTO", "USING", "ANY", "ALL", "SOME", "OVER", "SET", "WITH", "UNION", "BY",
          "RETURNING", "THEN", "ELSE", "WHEN", "IS", "LATERAL", "TABLE", "EXCEPT", "INTERSECT");

  private static final Set<String> TWO_CHARACTER_OPERATORS =
      Set.of("<=", ">=", "<>", "!=", "||", "::", "->", ">>", "<<", "#>", "@>", "<@", "&&", "=>");
  /** Words after which a minus sign is unary. */
  private static final Set<String> KEYWORDS_BEFORE_VALUES =
      Set.of("SELECT", "WHERE", "AND", "OR", "NOT", "THEN", "ELSE", "WHEN", "RETURN", "BY", "SET");

  private final SqlTokenizer tokenizer;
  private final int maxLength;

  /**
   * @param doubleQuotesAreStrings true for MySQL-family databases, where {@code "x"} is a string
   * @param maxLength input characters kept; longer SQL is cut there and marked truncated
   */
  public SqlSanitizer(boolean doubleQuotesAreStrings, int maxLength) {
    if (maxLength < 16) {
      throw new IllegalArgumentException("maxLength must be at least 16, got " + maxLength);
    }
    this.tokenizer = new SqlTokenizer(doubleQuotesAreStrings);
    this.maxLength = maxLength;
  }

  public int maxLength() {
    return maxLength;
  }

  public SqlShape sanitize(String sql) {
    boolean truncated = sql.length() > maxLength;
    List<List<Token>> statements =
        splitStatements(tokenizer.tokenize(truncated ? sql.substring(0, maxLength) : sql));
    if (statements.isEmpty()) {
      return new SqlShape("", "", "", false, truncated);
    }
    for (List<Token> statement : statements) {
      if (carriesSecret(statement)) {
        String operation = secretOperation(statement);
        return new SqlShape(operation + " ?", operation, "", true, truncated);
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<Token> statement : statements) {
      if (text.length() > 0) {
        text.append("; ");
      }
      render(collapseLists(statement), text);
    }
    if (truncated) {
      text.append(" ...");
    }
    List<Token> first = statements.get(0);
    int start = operationIndex(first);
    String operation = start < 0 ? "" : upper(first.get(start).text());
    String table = start < 0 ? "" : SqlTables.mainTable(first, start, operation);
    return new SqlShape(text.toString(), operation, table, false, truncated);
  }

  private static List<List<Token>> splitStatements(List<Token> tokens) {
    List<List<Token>> statements = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    for (Token token : tokens) {
      if (token.kind() == Kind.SEMICOLON) {
        if (!current.isEmpty()) {
          statements.add(current);
          current = new ArrayList<>();
        }
      } else {
        current.add(token);
      }
    }
    if (!current.isEmpty()) {
      statements.add(current);
    }
    return statements;
  }

  private static boolean carriesSecret(List<Token> statement) {
    int first = firstWord(statement, 0);
    if (first < 0) {
      return false;
    }
    String verb = upper(statement.get(first).text());
    int second = firstWord(statement, first + 1);
    String object = second < 0 ? "" : upper(statement.get(second).text());
    if ((verb.equals("CREATE") || verb.equals("ALTER")) && ACCOUNT_OBJECTS.contains(object)) {
      return true;
    }
    if (verb.equals("SET") && object.equals("PASSWORD")) {
      return true;
    }
    for (Token token : statement) {
      if (token.isWord("IDENTIFIED")) {
        return true; // Oracle and MySQL: IDENTIFIED BY password, unquoted
      }
    }
    return false;
  }

  private static String secretOperation(List<Token> statement) {
    int first = firstWord(statement, 0);
    String verb = upper(statement.get(first).text());
    int second = firstWord(statement, first + 1);
    if (second == first + 1) {
      String object = upper(statement.get(second).text());
      if (ACCOUNT_OBJECTS.contains(object) || object.equals("PASSWORD")) {
        return verb + " " + object;
      }
    }
    return verb;
  }

  /**
   * The index of the statement's operation keyword: the first word after leading parentheses and
   * JDBC escape syntax ({@code {? = call f(?)}}); for a CTE, the main statement after it.
   */
  private static int operationIndex(List<Token> statement) {
    int first = firstWord(statement, 0);
    if (first < 0 || !statement.get(first).isWord("WITH")) {
      return first;
    }
    int depth = 0;
    for (int i = first + 1; i < statement.size(); i++) {
      Token token = statement.get(i);
      if (token.kind() == Kind.OPEN) {
        depth++;
      } else if (token.kind() == Kind.CLOSE) {
        depth--;
      } else if (depth == 0
          && token.kind() == Kind.WORD
          && MAIN_OPERATIONS.contains(upper(token.text()))) {
        return i;
      }
    }
    return first;
  }

  private static int firstWord(List<Token> tokens, int from) {
    for (int i = from; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.kind() == Kind.WORD) {
        return i;
      }
      boolean skippable =
          token.kind() == Kind.OPEN
              || token.kind() == Kind.LITERAL
              || token.kind() == Kind.SYMBOL && "{=".contains(token.text());
      if (!skippable) {
        return -1;
      }
    }
    return -1;
  }

  /** {@code IN (?, ?, ?)} to {@code IN (?)}; {@code VALUES (?, ?), (?, ?)} to {@code VALUES (?, ?)}. */
  private static List<Token> collapseLists(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens.size());
    int i = 0;
    while (i < tokens.size()) {
      Token token = tokens.get(i);
      out.add(token);
      i++;
      if (token.isWord("IN") && i < tokens.size() && tokens.get(i).kind() == Kind.OPEN) {
        int end = literalListEnd(tokens, i + 1);
        if (end > 0) {
          out.add(tokens.get(i));
          out.add(Token.LITERAL);
          out.add(tokens.get(end));
          i = end + 1;
        }
      } else if (token.isWord("VALUES")) {
        i = collapseTuples(tokens, i, out);
      }
    }
    return out;
  }

  /** Index of the closing parenthesis of {@code ?, ?, ?)} starting at from, else -1. */
  private static int literalListEnd(List<Token> tokens, int from) {
    int i = from;
    while (i < tokens.size() && tokens.get(i).kind() == Kind.LITERAL) {
      i++;
      if (i < tokens.size() && tokens.get(i).kind() == Kind.CLOSE) {
        return i;
      }
      if (i >= tokens.size() || tokens.get(i).kind() != Kind.COMMA) {
        return -1;
      }
      i++;
    }
    return -1;
  }

  private static int collapseTuples(List<Token> tokens, int from, List<Token> out) {
    int end = groupEnd(tokens, from);
    if (end < 0) {
      return from;
    }
    List<Token> tuple = collapseLists(tokens.subList(from, end + 1));
    out.addAll(tuple);
    int i = end + 1;
    while (i < tokens.size() && tokens.get(i).kind() == Kind.COMMA) {
      int nextEnd = groupEnd(tokens, i + 1);
      if (nextEnd < 0 || !collapseLists(tokens.subList(i + 1, nextEnd + 1)).equals(tuple)) {
        break;
      }
      i = nextEnd + 1;
    }
    return i;
  }

  /** Index of the parenthesis closing the group that opens at from, else -1. */
  private static int groupEnd(List<Token> tokens, int from) {
    if (from >= tokens.size() || tokens.get(from).kind() != Kind.OPEN) {
      return -1;
    }
    int depth = 0;
    for (int i = from; i < tokens.size(); i++) {
      Kind kind = tokens.get(i).kind();
      if (kind == Kind.OPEN) {
        depth++;
      } else if (kind == Kind.CLOSE && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static void render(List<Token> tokens, StringBuilder out) {
    for (int i = 0; i < tokens.size(); i++) {
      if (i > 0 && spaceBetween(i > 1 ? tokens.get(i - 2) : null, tokens.get(i - 1), tokens.get(i))) {
        out.append(' ');
      }
      out.append(tokens.get(i).text());
    }
  }

  private static boolean spaceBetween(Token beforePrevious, Token previous, Token token) {
    Kind before = previous.kind();
    Kind kind = token.kind();
    if (kind == Kind.COMMA || kind == Kind.CLOSE || kind == Kind.DOT) {
      return false;
    }
    if (before == Kind.OPEN || before == Kind.DOT) {
      return false;
    }
    if (before == Kind.SYMBOL && kind == Kind.SYMBOL) {
      return !TWO_CHARACTER_OPERATORS.contains(previous.text() + token.text());
    }
    if (kind == Kind.LITERAL && previous.text().equals("-") && isOperand(beforePrevious)) {
      return true; // a - ?
    }
    if (kind == Kind.LITERAL && previous.text().equals("-")) {
      return false; // a unary minus: = -?
    }
    if (previous.text().equals("[") || token.text().equals("]") || token.text().equals("[")) {
      return false; // array subscripts: a[?:?]
    }
    if (previous.text().equals(":") || token.text().equals(":")) {
      return false; // casts: ?::int
    }
    if (previous.text().equals("{") || token.text().equals("}")) {
      return false;
    }
    if (kind == Kind.OPEN && before == Kind.WORD) {
      return SPACED_BEFORE_PAREN.contains(upper(previous.text()));
    }
    return true;
  }

  private static boolean isOperand(Token token) {
    return token != null
        && (token.kind() == Kind.WORD || token.kind() == Kind.LITERAL || token.kind() == Kind.CLOSE)
        && !KEYWORDS_BEFORE_VALUES.contains(upper(token.text()));
  }

  static String upper(String word) {
    return word.toUpperCase(Locale.ROOT);
  }
}
