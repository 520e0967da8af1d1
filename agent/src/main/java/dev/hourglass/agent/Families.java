package dev.hourglass.agent;

import dev.hourglass.agent.cache.CacheFamily;
import dev.hourglass.agent.config.Settings;
import dev.hourglass.agent.family.FamilyInstaller;
import dev.hourglass.agent.family.FamilySetup;
import dev.hourglass.agent.family.InstalledFamily;
import dev.hourglass.agent.httpclient.HttpClientFamily;
import dev.hourglass.agent.jdbc.JdbcFamily;
import dev.hourglass.agent.servlet.ServletFamily;
import dev.hourglass.instrumentation.Family;
import dev.hourglass.instrumentation.Instrumentations;
import dev.hourglass.instrumentation.TypeInstrumentation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The families the agent instruments, installed as configuration enables them. */
final class Families {
  /**
   * Servlet last: the database, HTTP-client and cache families add their request-end listeners to the
   * server-request recorder before the servlet family publishes it to the application's threads.
   */
  private static final List<Map.Entry<Family, FamilyInstaller>> INSTALLERS =
      List.of(
          Map.entry(Family.JDBC, new JdbcFamily()),
          Map.entry(Family.HTTP_CLIENT, new HttpClientFamily()),
          Map.entry(Family.CACHE, new CacheFamily()),
          Map.entry(Family.SERVLET, new ServletFamily()));

  private final Set<Family> enabled = EnumSet.noneOf(Family.class);
  private final List<InstalledFamily> installed = new ArrayList<>();

  /** Installs every enabled family. */
  static Families install(FamilySetup setup) {
    Families families = new Families();
    for (Map.Entry<Family, FamilyInstaller> installer : INSTALLERS) {
      if (setup.config().get(Settings.enabled(installer.getKey()))) {
        families.enabled.add(installer.getKey());
        families.installed.add(installer.getValue().install(setup));
      }
    }
    return families;
  }

  /** The keys of the enabled families, sorted, for the start-up line and health. */
  List<String> names() {
    Set<String> names = new TreeSet<>();
    enabled.forEach(family -> names.add(family.key()));
    return List.copyOf(names);
  }

  /** The instrumentations of the enabled families. */
  List<TypeInstrumentation> instrumentations() {
    List<TypeInstrumentation> woven = new ArrayList<>();
    for (TypeInstrumentation instrumentation : Instrumentations.all()) {
      if (enabled.contains(instrumentation.family())) {
        woven.add(instrumentation);
      }
    }
    return woven;
  }

  List<InstalledFamily> installed() {
    return installed;
  }
}
