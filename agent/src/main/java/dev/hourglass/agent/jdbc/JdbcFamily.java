package dev.hourglass.agent.jdbc;

import dev.hourglass.agent.family.FamilyInstaller;
import dev.hourglass.agent.family.FamilySetup;
import dev.hourglass.agent.family.InstalledFamily;
import dev.hourglass.agent.family.Views;
import dev.hourglass.agent.jdbc.findings.FindingsQueriesView;
import dev.hourglass.agent.jdbc.findings.QueriesView;
import dev.hourglass.bootstrap.JdbcCalls;

/** JDBC executions and connections, and the findings made from them per server request. */
public final class JdbcFamily implements FamilyInstaller {
  @Override
  public InstalledFamily install(FamilySetup setup) {
    JdbcRecorder jdbc =
        new JdbcRecorder(
            setup.registry(),
            JdbcConfig.read(setup.config(), setup.clock().interval()),
            setup.errors());
    setup.serverRequests().addListener(jdbc.requestEndListener());
    JdbcCalls.install(jdbc);
    return new InstalledFamily() {
      @Override
      public void offerViews(Views views) {
        views.offer(QueriesView.class, new FindingsQueriesView(jdbc.findings()));
      }

      @Override
      public void weavingComplete() {
        jdbc.weavingComplete(); // leak tracking starts once every close() is instrumented
      }
    };
  }
}
