package dev.hourglass.sample.db;

/** Target of H2's {@code SAMPLE_SLEEP} alias (see {@link Dialect#H2}); H2 needs it public and static. */
public final class H2Sleep {

    private H2Sleep() {
    }

    /** Sleeps inside the database call, so the JDBC statement itself is what takes long. Returns the millis slept. */
    public static int sleep(int millis) throws InterruptedException {
        Thread.sleep(millis);
        return millis;
    }
}
