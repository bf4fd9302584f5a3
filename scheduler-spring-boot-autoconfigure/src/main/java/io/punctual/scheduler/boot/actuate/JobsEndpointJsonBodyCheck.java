package io.punctual.scheduler.boot.actuate;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Locale;

/**
 * Judges the JSON body of {@code POST /actuator/jobs/{id}} before Actuator reads it as a map of strings, which answers
 * a body that is not a JSON object, or an action that is a list or an object, with a bare 400 and no message. Only
 * loaded when Jackson is on the class path (see {@link JobsEndpointContentTypeFilter}).
 */
final class JobsEndpointJsonBodyCheck implements JobsEndpointContentTypeFilter.BodyCheck {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Override
    public EndpointError check(String id, byte[] body) {
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JacksonException e) {
            return EndpointError.notAnObject(id, "not valid JSON");
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null; // no body: the endpoint says there is no action
        }
        if (!node.isObject()) {
            return EndpointError.notAnObject(id, "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        JsonNode action = node.get("action");
        if (action != null && (action.isArray() || action.isObject())) {
            return EndpointError.notAWord(id, action.toString());
        }
        return null;
    }
}
