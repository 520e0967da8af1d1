package app;

/** Application code outside the agent's packages, for tests that look for the application's frame. */
public final class Borrowing {
  private Borrowing() {}

  public static void borrow(Runnable getConnection) {
    getConnection.run();
  }
}
