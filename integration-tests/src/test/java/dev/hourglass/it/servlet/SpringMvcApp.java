package dev.hourglass.it.servlet;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * A Spring MVC application (DispatcherServlet on Jetty 12) whose routes have path variables, so
 * the agent must report Spring's pattern rather than the servlet mapping or the raw URI. Prints
 * {@code Spring app listening on http://127.0.0.1:<port>} when ready.
 */
public final class SpringMvcApp {
  private SpringMvcApp() {}

  public static void main(String[] args) throws Exception {
    AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
    spring.register(WebConfig.class);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/shop");
    context.addServlet(new ServletHolder(new DispatcherServlet(spring)), "/");

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(Integer.parseInt(args[1])); // --port N
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
    System.out.println("Spring app listening on http://127.0.0.1:" + connector.getLocalPort() + "/shop");
    System.out.flush();
    server.join();
  }

  @Configuration
  @EnableWebMvc
  @Import(OwnerController.class)
  static class WebConfig {}

  @RestController
  static class OwnerController {
    @GetMapping("/owners/{ownerId}")
    String owner(@PathVariable("ownerId") String ownerId) {
      return "owner " + ownerId;
    }

    @GetMapping("/owners/{ownerId}/pets/{petId}")
    String pet(@PathVariable("ownerId") String ownerId, @PathVariable("petId") String petId) {
      return "pet " + petId + " of owner " + ownerId;
    }
  }
}
