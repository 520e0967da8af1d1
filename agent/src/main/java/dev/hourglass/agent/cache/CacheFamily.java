package dev.hourglass.agent.cache;

import dev.hourglass.agent.family.FamilyInstaller;
import dev.hourglass.agent.family.FamilySetup;
import dev.hourglass.agent.family.InstalledFamily;
import dev.hourglass.agent.family.Views;
import dev.hourglass.bootstrap.CacheCalls;

/** Cache lookups (hits, misses, load time) per cache name, and per server route. */
public final class CacheFamily implements FamilyInstaller {
  @Override
  public InstalledFamily install(FamilySetup setup) {
    CacheCalls.install(new CacheRecorder(setup.registry()));
    setup.serverRequests().addListener(new CacheRouteRecorder(setup.registry()));
    CacheTable table = new CacheTable();
    setup.clock().addConsumer(table);
    return new InstalledFamily() {
      @Override
      public void offerViews(Views views) {
        views.offer(CachesView.class, table);
      }
    };
  }
}
