package dev.hourglass.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL into the tokens the sanitizer keeps: words (keywords and identifiers, quoted ones
 * included), punctuation, and {@link Kind#LITERAL} tokens that stand for every literal and
 * parameter. A literal's characters are never copied out of the input: a string, number, hex,
 * dollar-quoted body or bind marker becomes the token {@code ?}.
 *
 * <p>When in doubt the tokenizer errs towards hiding: an unterminated string, quoted identifier or
 * comment turns the rest of the input into one literal. Whether a backslash escapes a quote depends
 * on the server's settings (MySQL by default, PostgreSQL only in {@code E'..'}), which the agent
 * cannot see, and either guess alone leaks: {@code 'C:\' AND token = 'secret'} read with escapes
 * exposes {@code secret} as a word, {@code 'it\'s secret'} read without exposes {@code s secret}.
 * So SQL with a backslash is read both ways; where the readings part, everything after is hidden.
 *
 * <p>Stateless apart from its configuration; safe to share between threads.
 */
public final class SqlTokenizer {
  enum Kind {
    WORD,
    LITERAL,
    OPEN,
    CLOSE,
    COMMA,
    SEMICOLON,
    DOT,
    SYMBOL
  }

  record Token(Kind kind, String text) {
    static final Token LITERAL = new Token(Kind.LITERAL, "?");

    boolean isWord(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }
  }

  private final boolean doubleQuotesAreStrings;

  /**
   * @param doubleQuotesAreStrings true for MySQL and MariaDB, where {@code "..."} is a string
   *     literal and {@code #} starts a comment; false where {@code "..."} quotes an identifier
   */
  SqlTokenizer(boolean doubleQuotesAreStrings) {
    this.doubleQuotesAreStrings = doubleQuotesAreStrings;
  }

  List<Token> tokenize(String sql) {
    List<Token> escaping = tokenize(sql, true);
    if (sql.indexOf('\\') < 0) {
      return escaping;
    }
    List<Token> literal = tokenize(sql, false);
    int same = 0;
    while (same < escaping.size()
        && same < literal.size()
        && escaping.get(same).equals(literal.get(same))) {
      same++;
    }
    if (same == escaping.size() && same == literal.size()) {
      return escaping;
    }
    List<Token> agreed = new ArrayList<>(escaping.subList(0, same));
    if (agreed.isEmpty() || agreed.get(agreed.size() - 1).kind() != Kind.LITERAL) {
      agreed.add(Token.LITERAL); // else the agreed literal simply runs on to the end
    }
    return agreed;
  }

  /** @param backslashEscapes whether a backslash escapes the next character in '..' and ".." */
  private List<Token> tokenize(String sql, boolean backslashEscapes) {
    List<Token> tokens = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && next == '-' || c == '#' && doubleQuotesAreStrings) {
        i = lineEnd(sql, i);
      } else if (c == '/' && next == '*') {
        i = blockCommentEnd(sql, i);
      } else if (c == '\'') {
        i = quotedEnd(sql, i, '\'', backslashEscapes);
        tokens.add(Token.LITERAL);
      } else if (c == '"') {
        int end = quotedEnd(sql, i, '"', backslashEscapes);
        boolean terminated = end <= n && sql.charAt(end - 1) == '"' && end - i >= 2;
        tokens.add(doubleQuotesAreStrings || !terminated ? Token.LITERAL : word(sql, i, end));
        i = end;
      } else if (c == '`') {
        int end = quotedEnd(sql, i, '`', false);
        tokens.add(sql.charAt(end - 1) == '`' && end - i >= 2 ? word(sql, i, end) : Token.LITERAL);
        i = end;
      } else if (c == '$' && isDigit(next)) {
        i = digitsEnd(sql, i + 1); // $1: a positional parameter
        tokens.add(Token.LITERAL);
      } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
        i = dollarQuotedEnd(sql, i, dollarTagEnd(sql, i));
        tokens.add(Token.LITERAL);
      } else if (isDigit(c) || c == '.' && isDigit(next) && !afterWord(tokens, sql, i)) {
        i = numberEnd(sql, i);
        tokens.add(Token.LITERAL);
      } else if (c == '?') {
        i++;
        tokens.add(Token.LITERAL);
      } else if (c == ':' && Character.isLetter(next) && (i == 0 || sql.charAt(i - 1) != ':')) {
        i = wordEnd(sql, i + 1); // :name, a named parameter
        tokens.add(Token.LITERAL);
      } else if (isWordStart(c)) {
        i = wordOrPrefixedLiteral(sql, i, tokens, backslashEscapes);
      } else {
        tokens.add(punctuation(c));
        i++;
      }
    }
    return tokens;
  }

  /** A word, or a prefixed string literal such as E'..', N'..', X'..', B'..', U&'..', _utf8'..'. */
  private int wordOrPrefixedLiteral(
      String sql, int start, List<Token> tokens, boolean backslashEscapes) {
    int end = wordEnd(sql, start);
    int n = sql.length();
    String text = sql.substring(start, end);
    if (end < n && sql.charAt(end) == '\'' && isLiteralPrefix(text)) {
      tokens.add(Token.LITERAL);
      // E'..' always takes backslash escapes (PostgreSQL's escape string syntax).
      boolean escapes = backslashEscapes || text.equalsIgnoreCase("E");
      return quotedEnd(sql, end, '\'', escapes);
    }
    if (end + 1 < n && text.equalsIgnoreCase("U") && sql.charAt(end) == '&') {
      char quote = sql.charAt(end + 1);
      if (quote == '\'' || quote == '"') {
        tokens.add(Token.LITERAL); // U&"..." is an identifier, but its escapes are unreadable
        return quotedEnd(sql, end + 1, quote, backslashEscapes);
      }
    }
    tokens.add(new Token(Kind.WORD, text));
    return end;
  }

  private static boolean isLiteralPrefix(String word) {
    return word.length() <= 2 || word.charAt(0) == '_'; // E, N, X, B, NQ..., charset introducers
  }

  private static Token word(String sql, int start, int end) {
    return new Token(Kind.WORD, sql.substring(start, end));
  }

  private static Token punctuation(char c) {
    switch (c) {
      case '(':
        return new Token(Kind.OPEN, "(");
      case ')':
        return new Token(Kind.CLOSE, ")");
      case ',':
        return new Token(Kind.COMMA, ",");
      case ';':
        return new Token(Kind.SEMICOLON, ";");
      case '.':
        return new Token(Kind.DOT, ".");
      default:
        return new Token(Kind.SYMBOL, String.valueOf(c));
    }
  }

  /**
   * Index just past the closing quote; doubled quotes escape, and backslashes if {@code
   * backslashEscapes}. n if unterminated.
   */
  private static int quotedEnd(String sql, int open, char quote, boolean backslashEscapes) {
    int n = sql.length();
    int i = open + 1;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\\' && backslashEscapes) {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < n && sql.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  private static int lineEnd(String sql, int start) {
    int end = sql.indexOf('\n', start);
    return end < 0 ? sql.length() : end + 1;
  }

  /** Block comments nest in PostgreSQL and the standard; an unterminated one runs to the end. */
  private static int blockCommentEnd(String sql, int start) {
    int n = sql.length();
    int depth = 0;
    int i = start;
    while (i < n - 1) {
      if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
        depth++;
        i += 2;
      } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
        i += 2;
        if (--depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  /** For {@code $tag$} or {@code $$} at start: the index just past the opening tag, else -1. */
  private static int dollarTagEnd(String sql, int start) {
    int n = sql.length();
    int i = start + 1;
    while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
      i++;
    }
    if (i < n && sql.charAt(i) == '$' && (i == start + 1 || !isDigit(sql.charAt(start + 1)))) {
      return i + 1;
    }
    return -1;
  }

  private static int dollarQuotedEnd(String sql, int start, int tagEnd) {
    String tag = sql.substring(start, tagEnd);
    int close = sql.indexOf(tag, tagEnd);
    return close < 0 ? sql.length() : close + tag.length();
  }

  /** Numbers, hex (0x1F), decimals and exponents; trailing letters are swallowed with them. */
  private static int numberEnd(String sql, int start) {
    int n = sql.length();
    int i = start;
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '.' || c == '_') {
        i++;
      } else if ((c == '+' || c == '-') && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E')
          && !sql.startsWith("0x", start) && !sql.startsWith("0X", start)) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private static int digitsEnd(String sql, int start) {
    int i = start;
    while (i < sql.length() && isDigit(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  private int wordEnd(String sql, int start) {
    int n = sql.length();
    int i = start;
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isLetterOrDigit(c)
          || c == '_'
          || c == '$'
          || c == '@'
          || c == '#' && !doubleQuotesAreStrings) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_' || c == '@' || c == '#' && !doubleQuotesAreStrings;
  }

  /** {@code t.5} cannot occur, but {@code x.col} can: a dot right after a word is qualification. */
  private static boolean afterWord(List<Token> tokens, String sql, int i) {
    return i > 0
        && !tokens.isEmpty()
        && tokens.get(tokens.size() - 1).kind() == Kind.WORD
        && !Character.isWhitespace(sql.charAt(i - 1));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
