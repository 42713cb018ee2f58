package org.hubguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.hubguard.it.support.TestServer;
import org.hubguard.it.support.WebSession;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class HealthIT extends TestServer {

    @Test
    void anybodySeesUpOrDownAndNoVersions() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url("/api/health"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("up", health.getString("status"));
        assertEquals("up", health.getJsonObject("checks").getJsonObject("clamd").getString("status"));
        assertTrue(!response.body().contains("ClamAV") && !response.body().contains("PostgreSQL"), "no versions for anonymous callers: " + response.body());
    }

    @Test
    void administratorsSeeDatabaseBrokerAndClamdWithTheirVersions() throws Exception {
        WebSession admin = new WebSession();
        admin.signIn("admin", ADMIN_PASSWORD);
        HttpResponse<String> response = admin.get("/api/health");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject health = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("up", health.getString("status"));
        JsonObject database = health.getJsonObject("checks").getJsonObject("database");
        assertEquals("up", database.getString("status"));
        assertTrue(database.getString("detail").startsWith("PostgreSQL"), "the tests run on PostgreSQL: " + database);
        assertEquals("up", health.getJsonObject("checks").getJsonObject("jms").getString("status"));
        JsonObject clamd = health.getJsonObject("checks").getJsonObject("clamd");
        assertEquals("up", clamd.getString("status"));
        assertTrue(clamd.getString("detail").startsWith("ClamAV "), "clamd's engine and database version: " + clamd);
    }
}
