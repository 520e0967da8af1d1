package dev.hourglass.it.reliability;

/**
 * One step of a hostile application: what it got, printed as {@code outcome <name>: <result>} so
 * that a run with the agent can be compared line by line with a run without it.
 */
@FunctionalInterface
interface Outcome {
  /** The application's result as text; an exception is the result too. */
  String run() throws Exception;

  static void print(String name, Outcome step) {
    String result;
    try {
      result = step.run();
    } catch (Throwable e) {
      result = "threw " + e.getClass().getName() + ": " + e.getMessage();
    }
    System.out.println("outcome " + name + ": " + result);
  }
}
