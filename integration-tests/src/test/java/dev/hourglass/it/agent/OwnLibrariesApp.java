package dev.hourglass.it.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import java.io.StringWriter;
import java.util.Collection;

/**
 * An application with its own OpenTelemetry SDK and Jackson (other versions than the agent's) on
 * its class path: it uses both, prints what it got and where the classes came from, then serves the
 * sample app's endpoints.
 */
public final class OwnLibrariesApp {
  private OwnLibrariesApp() {}

  public static void main(String[] args) throws Exception {
    PrintingExporter exporter = new PrintingExporter();
    SdkMeterProvider meters =
        SdkMeterProvider.builder().registerMetricReader(PeriodicMetricReader.builder(exporter).build()).build();
    meters.get("app").counterBuilder("app.orders").build().add(3, Attributes.empty());
    meters.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
    System.out.println("app sdk from " + jarOf(SdkMeterProvider.class));

    StringWriter json = new StringWriter();
    try (JsonGenerator generator = new JsonFactory().createGenerator(json)) {
      generator.writeStartObject();
      generator.writeBooleanField("ok", true);
      generator.writeEndObject();
    }
    System.out.println("app json " + json + " from " + jarOf(JsonFactory.class));
    dev.hourglass.sample.SampleApp.main(args);
  }

  private static String jarOf(Class<?> type) {
    String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static final class PrintingExporter implements MetricExporter {
    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      for (MetricData metric : metrics) {
        for (LongPointData point : metric.getLongSumData().getPoints()) {
          System.out.println("app metric " + metric.getName() + "=" + point.getValue());
        }
      }
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
    }
  }
}
