package dev.hourglass.agent.jdbc.sql;

import dev.hourglass.agent.jdbc.sql.SqlTokenizer.Kind;
import dev.hourglass.agent.jdbc.sql.SqlTokenizer.Token;
import java.util.List;
import java.util.Set;

/** Finds the main table of a tokenized statement (the procedure, for calls). Stateless. */
public final class SqlTables {
  private static final Set<String> SKIPPED =
      Set.of("ONLY", "LOW_PRIORITY", "IGNORE", "IF", "NOT", "EXISTS", "TABLE", "QUICK", "DELAYED");

  private SqlTables() {}

  /**
   * @param start index of the operation keyword
   * @param operation that keyword, upper case
   * @return the table without quotes (qualified as written, {@code schema.table}), or {@code ""}
   */
  static String mainTable(List<Token> tokens, int start, String operation) {
    switch (operation) {
      case "SELECT":
      case "DELETE":
        return nameAfterKeyword(tokens, start, "FROM");
      case "INSERT":
      case "REPLACE":
      case "MERGE":
      case "UPSERT":
        return nameAfterKeyword(tokens, start, "INTO");
      case "UPDATE":
      case "CALL":
      case "EXEC":
      case "EXECUTE":
        return nameAt(tokens, start + 1);
      case "CREATE":
      case "ALTER":
      case "DROP":
      case "TRUNCATE":
        String table = nameAfterKeyword(tokens, start, "TABLE");
        return table.isEmpty() && operation.equals("TRUNCATE") ? nameAt(tokens, start + 1) : table;
      default:
        return "";
    }
  }

  /** The name after the first {@code keyword} at the operation's own nesting depth. */
  private static String nameAfterKeyword(List<Token> tokens, int start, String keyword) {
    int depth = 0;
    for (int i = start + 1; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.kind() == Kind.OPEN) {
        depth++;
      } else if (token.kind() == Kind.CLOSE) {
        if (--depth < 0) {
          return "";
        }
      } else if (depth == 0 && token.isWord(keyword)) {
        return nameAt(tokens, i + 1);
      }
    }
    return "";
  }

  /** A possibly qualified name starting at i (after skipping modifiers), quotes removed. */
  private static String nameAt(List<Token> tokens, int i) {
    while (i < tokens.size()
        && tokens.get(i).kind() == Kind.WORD
        && SKIPPED.contains(SqlSanitizer.upper(tokens.get(i).text()))) {
      i++;
    }
    StringBuilder name = new StringBuilder();
    while (i < tokens.size() && tokens.get(i).kind() == Kind.WORD) {
      name.append(unquote(tokens.get(i).text()));
      if (i + 2 < tokens.size()
          && tokens.get(i + 1).kind() == Kind.DOT
          && tokens.get(i + 2).kind() == Kind.WORD) {
        name.append('.');
        i += 2;
      } else {
        break;
      }
    }
    return name.toString();
  }

  private static String unquote(String word) {
    char first = word.charAt(0);
    if (word.length() >= 2 && (first == '"' || first == '`')) {
      return word.substring(1, word.length() - 1);
    }
    return word;
  }
}
