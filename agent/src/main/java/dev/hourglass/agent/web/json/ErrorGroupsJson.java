package dev.hourglass.agent.web.json;

import dev.hourglass.agent.errors.ErrorGroupsView;
import dev.hourglass.agent.errors.ErrorGroupsView.Group;
import java.util.List;

/** {@code /api/errors/groups}: the error inbox. */
public final class ErrorGroupsJson {
  private ErrorGroupsJson() {}

  /** @param inbox null when the inbox is off: {@code enabled} false and no groups */
  public static byte[] groups(ErrorGroupsView inbox) {
    List<Group> groups = inbox == null ? List.of() : inbox.groups();
    return JsonOutput.bytes(
        json -> {
          json.writeStartObject();
          json.writeBooleanField("enabled", inbox != null);
          json.writeBooleanField("messages", inbox != null && inbox.keepsMessages());
          json.writeNumberField("overflow", inbox == null ? 0 : inbox.overflow());
          json.writeArrayFieldStart("groups");
          for (Group group : groups) {
            json.writeStartObject();
            json.writeStringField("id", group.id());
            json.writeStringField("type", group.type());
            json.writeStringField("source", group.source());
            json.writeNumberField("firstSeen", group.firstSeenEpochMillis());
            json.writeNumberField("lastSeen", group.lastSeenEpochMillis());
            json.writeNumberField("count", group.count());
            json.writeArrayFieldStart("perInterval");
            for (long count : group.perInterval()) {
              json.writeNumber(count);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("routes");
            for (String route : group.routes()) {
              json.writeString(route);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("frames");
            for (String frame : group.frames()) {
              json.writeString(frame);
            }
            json.writeEndArray();
            json.writeStringField("message", group.message());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }
}
