package io.punctual.scheduler.boot;

import java.util.LinkedHashMap;
import java.util.Map;

/** Defaults of the policy attributes of every job; an annotation attribute or a job property wins. */
public class PunctualJobDefaults {

    /** Time zone of crons and local date-times; defaults to the JVM's zone. */
    private String zone;

    /** What happens to a fire found later than misfire-grace: fire-now or skip. */
    private String misfire = "fire-now";

    /** How late a fire may start and still count as on time. */
    private String misfireGrace = "1m";

    /** Whether several overdue fires of a job run once (true) or each (false). */
    private String coalesce = "true";

    /** With coalesce=false, how many of the newest overdue fires run; older ones are recorded as misfired. */
    private String maxCatchUp = "100";

    /** How many runs of a job may be in flight at once. */
    private String maxInstances = "1";

    /** Extra attempts after a failed run. */
    private String retries = "0";

    /** Wait before the first retry; doubles for each further attempt. */
    private String retryBackoff = "1s";

    /** A run still going after this is interrupted and recorded as timeout; none by default. */
    private String timeout;

    /** Where fires run: cluster (once across nodes) or node (every node). */
    private String scope = "cluster";

    /** A random delay up to this added to each fire; none by default. */
    private String jitter;

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public String getMisfire() {
        return misfire;
    }

    public void setMisfire(String misfire) {
        this.misfire = misfire;
    }

    public String getMisfireGrace() {
        return misfireGrace;
    }

    public void setMisfireGrace(String misfireGrace) {
        this.misfireGrace = misfireGrace;
    }

    public String getCoalesce() {
        return coalesce;
    }

    public void setCoalesce(String coalesce) {
        this.coalesce = coalesce;
    }

    public String getMaxCatchUp() {
        return maxCatchUp;
    }

    public void setMaxCatchUp(String maxCatchUp) {
        this.maxCatchUp = maxCatchUp;
    }

    public String getMaxInstances() {
        return maxInstances;
    }

    public void setMaxInstances(String maxInstances) {
        this.maxInstances = maxInstances;
    }

    public String getRetries() {
        return retries;
    }

    public void setRetries(String retries) {
        this.retries = retries;
    }

    public String getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(String retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public String getJitter() {
        return jitter;
    }

    public void setJitter(String jitter) {
        this.jitter = jitter;
    }

    /** The defaults as job attributes (camel-case names), leaving out those not set. */
    Map<String, String> asAttributes() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("zone", zone);
        map.put("misfire", misfire);
        map.put("misfireGrace", misfireGrace);
        map.put("coalesce", coalesce);
        map.put("maxCatchUp", maxCatchUp);
        map.put("maxInstances", maxInstances);
        map.put("retries", retries);
        map.put("retryBackoff", retryBackoff);
        map.put("timeout", timeout);
        map.put("scope", scope);
        map.put("jitter", jitter);
        map.values().removeIf(v -> v == null || v.isBlank());
        return map;
    }
}
