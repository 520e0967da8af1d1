package dev.hourglass.agent.httpclient;

import dev.hourglass.agent.config.Settings;
import dev.hourglass.agent.family.FamilyInstaller;
import dev.hourglass.agent.family.FamilySetup;
import dev.hourglass.agent.family.InstalledFamily;
import dev.hourglass.agent.family.Views;
import dev.hourglass.bootstrap.HttpClientCalls;

/** Outgoing calls, their hosts' rate limits, and their link to the server routes that made them. */
public final class HttpClientFamily implements FamilyInstaller {
  @Override
  public InstalledFamily install(FamilySetup setup) {
    DownstreamHosts hosts =
        new DownstreamHosts(
            setup.config().get(Settings.HTTPCLIENT_HOSTS_CAP), System::currentTimeMillis);
    HttpClientCalls.install(new HttpClientRecorder(setup.registry(), hosts, setup.errors()));
    setup.serverRequests().addListener(new DownstreamRouteRecorder(setup.registry()));
    return new InstalledFamily() {
      @Override
      public void offerViews(Views views) {
        views.offer(ClientsView.class, new DownstreamClientsView(hosts, setup.clock()));
      }
    };
  }
}
