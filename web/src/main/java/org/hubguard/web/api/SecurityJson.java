package org.hubguard.web.api;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import org.hubguard.scanning.FileSecurity;

/** A file's scan verdict as the tree API shows it. */
final class SecurityJson {

    private SecurityJson() {
    }

    /** {status, avScan:{virusFound, virusNames}, pickleImportScan?:{highestSafetyLevel, imports}, error?} */
    static JsonObjectBuilder of(FileSecurity security) {
        JsonArrayBuilder viruses = Json.createArrayBuilder();
        security.virusNames().forEach(viruses::add);
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("status", security.status())
                .add("avScan", Json.createObjectBuilder().add("virusFound", !security.virusNames().isEmpty()).add("virusNames", viruses));
        if (security.pickleHighest() != null) {
            JsonArrayBuilder imports = Json.createArrayBuilder();
            security.pickleImports().forEach(i -> imports.add(Json.createObjectBuilder()
                    .add("module", i.module()).add("name", i.name()).add("safety", i.safety().wireName())));
            json.add("pickleImportScan", Json.createObjectBuilder().add("highestSafetyLevel", security.pickleHighest()).add("imports", imports));
        }
        if (security.error() != null) {
            json.add("error", security.error());
        }
        return json;
    }
}
