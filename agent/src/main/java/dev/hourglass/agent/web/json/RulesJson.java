package dev.hourglass.agent.web.json;

import dev.hourglass.agent.alerts.Rule;
import dev.hourglass.agent.alerts.RuleStore;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /api/rules}: every rule with its fields as text, where it comes from, whether the
 * dashboard may edit it, and the condition it runs (or why it does not).
 */
public final class RulesJson {
  private RulesJson() {}

  /** @param canWrite whether this request may edit (the dashboard shows editors only then) */
  public static byte[] rules(RuleStore store, boolean canWrite) {
    return JsonOutput.bytes(
        json -> {
          json.writeStartObject();
          json.writeBooleanField("enabled", store != null);
          json.writeBooleanField("canWrite", canWrite);
          json.writeStringField("file", store == null || store.file() == null ? null : store.file().toString());
          json.writeArrayFieldStart("notifiers");
          for (String notifier : store == null ? java.util.Set.<String>of() : store.notifierNames()) {
            json.writeString(notifier);
          }
          json.writeEndArray();
          json.writeArrayFieldStart("rules");
          for (RuleStore.Entry entry : store == null ? java.util.List.<RuleStore.Entry>of() : store.entries()) {
            json.writeStartObject();
            json.writeStringField("name", entry.name());
            json.writeStringField("source", String.join(" + ", entry.sources()));
            json.writeBooleanField("editable", entry.editable());
            json.writeBooleanField("enabled", entry.enabled());
            json.writeObjectFieldStart("fields");
            for (Map.Entry<String, String> field : new TreeMap<>(entry.fields()).entrySet()) {
              json.writeStringField(field.getKey(), field.getValue());
            }
            json.writeEndObject();
            Rule rule = entry.rule();
            json.writeStringField("condition", rule == null ? null : rule.condition());
            json.writeStringField("severity", rule == null ? null : rule.severity().label());
            json.writeStringField("problem", entry.problem());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }
}
