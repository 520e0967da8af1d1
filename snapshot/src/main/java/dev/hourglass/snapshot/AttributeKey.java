package dev.hourglass.snapshot;

/**
 * The name of an attribute and the type it is exported with. Series hold every attribute value as
 * text (the hot path builds keys from strings); an exporter turns a {@link Type#LONG} value into an
 * integer, as the semantic conventions type status codes and ports.
 */
public record AttributeKey(String name, Type type) {

  /** How an attribute's value is exported. */
  public enum Type {
    STRING,
    /** Digits are exported as an integer; anything else (the overflow marker) as text. */
    LONG
  }

  public AttributeKey {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("attribute name must be non-empty");
    }
    if (type == null) {
      throw new IllegalArgumentException("attribute type of " + name + " must be non-null");
    }
  }

  public static AttributeKey string(String name) {
    return new AttributeKey(name, Type.STRING);
  }

  public static AttributeKey integer(String name) {
    return new AttributeKey(name, Type.LONG);
  }
}
