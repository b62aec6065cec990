package dev.tollgate.server;

import static dev.tollgate.server.StrictJson.child;
import static dev.tollgate.server.StrictJson.kind;
import static dev.tollgate.server.StrictJson.shown;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.port.Permission;
import dev.tollgate.port.settings.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The staff roles of the standalone server, read from the JSON file {@code TOLLGATE_ROLES_FILE}
 * names: {@code {"roles": [...]}}, the roles in tiers, lowest first, each
 * {@code {"name", "permissions", "credit_cap", "all_tenants"}} ({@code credit_cap} a whole number
 * or {@code "unlimited"}). Strict as the plans file: every field is required, none other is
 * accepted, and each refusal is a {@link ConfigurationException} of one line naming the file and
 * the JSON path of the fault, such as {@code roles[2].permissions[0]}.
 */
final class RolesFile {

    static final String SETTING = "TOLLGATE_ROLES_FILE";
    static final String UNLIMITED = "unlimited";

    private static final List<String> TOP_FIELDS = List.of("roles");
    private static final List<String> ROLE_FIELDS = List.of("name", "permissions", "credit_cap", "all_tenants");

    private final Path file;

    private RolesFile(Path file) {
        this.file = file;
    }

    /** The roles {@code file} defines, lowest tier first; any fault is a {@link ConfigurationException}. */
    static List<Role> read(Path file) {
        RolesFile roles = new RolesFile(file);
        return roles.roles(StrictJson.read(file, roles::refused));
    }

    private List<Role> roles(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw refused("is empty; it must hold a JSON object with roles");
        }
        fields(root, "", TOP_FIELDS);
        JsonNode list = root.get("roles");
        if (!list.isArray()) {
            throw refused("roles", "must be an array of roles, lowest tier first, was " + kind(list));
        }
        if (list.isEmpty()) {
            throw refused("roles", "must hold at least the super admin's role");
        }
        List<Role> roles = new ArrayList<>();
        Map<String, String> definedAt = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "roles[" + i + "]";
            Role role = role(list.get(i), path);
            String earlier = definedAt.putIfAbsent(role.name(), path);
            if (earlier != null) {
                throw refused(path + ".name", "role '" + role.name() + "' is already defined by " + earlier);
            }
            roles.add(role);
        }
        Role highest = roles.get(roles.size() - 1);
        String at = "roles[" + (roles.size() - 1) + "]";
        Set<Permission> missing = EnumSet.allOf(Permission.class);
        missing.removeAll(highest.permissions());
        if (!missing.isEmpty()) {
            throw refused(at + ".permissions", "the highest role ('" + highest.name() + "') is the super admin's and "
                    + "must hold every permission; it lacks " + missing.stream().map(Permission::id)
                    .collect(Collectors.joining(", ")));
        }
        if (!highest.allTenants()) {
            throw refused(at + ".all_tenants", "the highest role ('" + highest.name() + "') is the super admin's and "
                    + "must act in all tenants");
        }
        return List.copyOf(roles);
    }

    private Role role(JsonNode node, String path) {
        fields(node, path, ROLE_FIELDS);
        String name = text(node.get("name"), path + ".name");
        Set<Permission> permissions = permissions(node.get("permissions"), path + ".permissions");
        long creditCap = creditCap(node.get("credit_cap"), path + ".credit_cap");
        JsonNode allTenants = node.get("all_tenants");
        if (!allTenants.isBoolean()) {
            throw refused(path + ".all_tenants", "must be true or false, was " + shown(allTenants));
        }
        try {
            return new Role(name, permissions, creditCap, allTenants.booleanValue());
        } catch (IllegalArgumentException e) {
            throw refused(path + ".name", e.getMessage());
        }
    }

    private Set<Permission> permissions(JsonNode node, String path) {
        if (!node.isArray()) {
            throw refused(path, "must be an array of permission names, was " + kind(node));
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (int i = 0; i < node.size(); i++) {
            String at = path + "[" + i + "]";
            String id = text(node.get(i), at);
            Permission permission = Permission.named(id).orElseThrow(() -> refused(at, "unknown permission '" + id
                    + "' (known: " + Arrays.stream(Permission.values()).map(Permission::id)
                    .collect(Collectors.joining(", ")) + ")"));
            if (!permissions.add(permission)) {
                throw refused(at, "'" + id + "' is listed twice");
            }
        }
        return permissions;
    }

    private long creditCap(JsonNode node, String path) {
        if (node.isTextual() && node.textValue().equals(UNLIMITED)) {
            return Long.MAX_VALUE;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw refused(path, "must be a whole number from 0 (no credits) or \"" + UNLIMITED + "\", was "
                    + shown(node));
        }
        return node.longValue();
    }

    private void fields(JsonNode node, String path, List<String> known) {
        if (!node.isObject()) {
            throw path.isEmpty() ? refused("must hold a JSON object with " + String.join(", ", known) + ", holds "
                    + kind(node)) : refused(path, "must be an object with " + String.join(", ", known) + ", was "
                    + kind(node));
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!known.contains(field.getKey())) {
                throw refused(child(path, field.getKey()), "unknown field (known: " + String.join(", ", known) + ")");
            }
        }
        for (String name : known) {
            if (!node.has(name)) {
                throw refused(child(path, name), "missing");
            }
        }
    }

    private String text(JsonNode node, String path) {
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw refused(path, "must be a non-empty string, was " + shown(node));
        }
        return node.textValue();
    }

    private ConfigurationException refused(String problem) {
        return new ConfigurationException(SETTING + ": " + file + ": " + problem);
    }

    private ConfigurationException refused(String path, String problem) {
        return refused(path + ": " + problem);
    }
}
