package dev.hourglass.agent.alerts;

/** A rule that cannot run, with the rule's name and the field at fault. */
public final class InvalidRuleException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String rule;
  private final String field;

  InvalidRuleException(String rule, String field, String problem) {
    super("alert rule '" + rule + "' is ignored: field '" + field + "': " + problem);
    this.rule = rule;
    this.field = field;
  }

  public String rule() {
    return rule;
  }

  public String field() {
    return field;
  }
}
