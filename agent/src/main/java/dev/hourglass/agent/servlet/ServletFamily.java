package dev.hourglass.agent.servlet;

import dev.hourglass.agent.family.FamilyInstaller;
import dev.hourglass.agent.family.FamilySetup;
import dev.hourglass.agent.family.InstalledFamily;
import dev.hourglass.bootstrap.ServerRequests;

/**
 * Server requests: the setup's {@link ServerRequestRecorder} receives what servlet advice reports.
 * Install it after the families that add request-end listeners to it (listeners are added before
 * the recorder is published to the application's threads).
 */
public final class ServletFamily implements FamilyInstaller {
  @Override
  public InstalledFamily install(FamilySetup setup) {
    ServerRequests.install(setup.serverRequests());
    return InstalledFamily.NOTHING;
  }
}
