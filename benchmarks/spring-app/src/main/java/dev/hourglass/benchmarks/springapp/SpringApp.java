package dev.hourglass.benchmarks.springapp;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The start-up benchmark's application. Takes the harness's {@code --port N} as Spring's
 * {@code --server.port=N}; every other argument goes to Spring unchanged.
 */
@SpringBootApplication
public class SpringApp {
  public static void main(String[] args) {
    List<String> springArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        springArgs.add("--server.port=" + args[++i]);
      } else {
        springArgs.add(args[i]);
      }
    }
    SpringApplication.run(SpringApp.class, springArgs.toArray(String[]::new));
  }
}
