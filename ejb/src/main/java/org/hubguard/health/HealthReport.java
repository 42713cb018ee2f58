package org.hubguard.health;

import java.util.Map;

import jakarta.json.bind.annotation.JsonbTransient;

/** The state of everything hubguard depends on; up only when every check is up. */
public record HealthReport(String status, Map<String, Check> checks) {

    public record Check(String status, String detail) {

        public static Check up(String detail) {
            return new Check("up", detail);
        }

        public static Check down(String detail) {
            return new Check("down", detail);
        }

        /** Working, but needs attention soon (e.g. the disk is filling up). */
        public static Check warning(String detail) {
            return new Check("warning", detail);
        }

        @JsonbTransient
        public boolean isUp() {
            return !"down".equals(status);
        }
    }

    public static HealthReport of(Map<String, Check> checks) {
        boolean up = checks.values().stream().allMatch(Check::isUp);
        return new HealthReport(up ? "up" : "down", checks);
    }

    @JsonbTransient
    public boolean isUp() {
        return "up".equals(status);
    }

    /** What anybody may see: up or down per component, without versions or addresses (those help an attacker). */
    public HealthReport withoutDetails() {
        Map<String, Check> statuses = new java.util.LinkedHashMap<>();
        checks.forEach((name, check) -> statuses.put(name, new Check(check.status(), null)));
        return new HealthReport(status, statuses);
    }
}
