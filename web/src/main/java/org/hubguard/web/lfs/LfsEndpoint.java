package org.hubguard.web.lfs;

import static org.hubguard.web.api.JsonP.JSON;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hubguard.access.InvalidInputException;
import org.hubguard.access.NotFoundException;
import org.hubguard.access.RequestRefusedException;
import org.hubguard.lfs.LfsLock;
import org.hubguard.lfs.LfsLocks;
import org.hubguard.lfs.LfsService;
import org.hubguard.lfs.TransferGrant;
import org.hubguard.lfs.TransferGrants;
import org.hubguard.repos.RepoContext;
import org.hubguard.repos.RepoRef;
import org.hubguard.repos.RepositoryService;
import org.hubguard.web.BaseUrl;
import org.hubguard.web.auth.CurrentCaller;
import org.hubguard.web.errors.HttpError;

/**
 * The Git LFS server at the Hub's URLs, {@code /{ns}/{name}.git/info/lfs/...} (datasets under
 * {@code /datasets/}): the batch API with basic transfers, the transfers themselves, verify, and locks.
 * Batch and lock requests are authenticated like git and decided by the policy on the repository; transfer
 * URLs carry a signed {@link TransferGrant} from the batch answer, since clients send no credentials with
 * them (the Python client does not). Errors are in the LFS format ({@link HttpError#sendLfs}).
 */
@ApplicationScoped
public class LfsEndpoint {

    private static final Pattern OBJECT = Pattern.compile("^objects/([^/]+)$");
    private static final Pattern VERIFY = Pattern.compile("^objects/([^/]+)/verify$");
    private static final Pattern UNLOCK = Pattern.compile("^locks/(\\d{1,18})/unlock$");
    private static final int MAX_JSON_BODY = 1024 * 1024;

    @Inject
    LfsService lfs;

    @Inject
    LfsLocks locks;

    @Inject
    TransferGrants grants;

    @Inject
    RepositoryService repositories;

    @Inject
    CurrentCaller caller;

    @Inject
    BaseUrl baseUrl;

    public void serve(RepoRef ref, String action, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        Matcher object = OBJECT.matcher(action);
        Matcher verify = VERIFY.matcher(action);
        Matcher unlock = UNLOCK.matcher(action);
        if (action.equals("objects/batch") && method.equals("POST")) {
            batch(repositories.context(caller.get(), ref), request, response);
        } else if (object.matches() && (method.equals("GET") || method.equals("HEAD"))) {
            download(ref, object.group(1), request, response);
        } else if (object.matches() && method.equals("PUT")) {
            upload(ref, object.group(1), request, response);
        } else if (verify.matches() && method.equals("POST")) {
            verify(ref, verify.group(1), request, response);
        } else if (action.equals("locks") && method.equals("GET")) {
            listLocks(repositories.context(caller.get(), ref), request, response);
        } else if (action.equals("locks") && method.equals("POST")) {
            createLock(repositories.context(caller.get(), ref), request, response);
        } else if (action.equals("locks/verify") && method.equals("POST")) {
            verifyLocks(repositories.context(caller.get(), ref), request, response);
        } else if (unlock.matches() && method.equals("POST")) {
            unlock(repositories.context(caller.get(), ref), Long.parseLong(unlock.group(1)), request, response);
        } else {
            throw new NotFoundException(null, "Unknown Git LFS request: " + method + " info/lfs/" + action + ".");
        }
    }

    /** {operation, transfers?, objects:[{oid, size}], hash_algo?} → {transfer:"basic", objects:[...]} */
    private void batch(RepoContext repo, HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonObject body = readJson(request);
        String operation = string(body, "operation");
        TransferGrant.Operation op = switch (operation == null ? "" : operation) {
            case "upload" -> TransferGrant.Operation.UPLOAD;
            case "download" -> TransferGrant.Operation.DOWNLOAD;
            default -> throw new InvalidInputException("'operation' must be \"upload\" or \"download\".");
        };
        String hashAlgo = string(body, "hash_algo");
        if (hashAlgo != null && !hashAlgo.equals("sha256") && !hashAlgo.equals("sha_256")) { // @huggingface/hub spells it sha_256
            throw new RequestRefusedException(409, "Only the sha256 hash algorithm is supported.");
        }
        if (body.get("transfers") instanceof JsonArray transfers && !transfers.isEmpty()
                && transfers.stream().noneMatch(t -> t instanceof JsonString s && s.getString().equals("basic"))) {
            throw new InvalidInputException("hubguard offers the \"basic\" transfer only.");
        }
        if (!(body.get("objects") instanceof JsonArray objects)) {
            throw new InvalidInputException("'objects' must be a list of {\"oid\", \"size\"}.");
        }
        List<LfsService.Wanted> wanted = new ArrayList<>();
        for (JsonValue item : objects) {
            if (!(item instanceof JsonObject o) || !(o.get("oid") instanceof JsonString oid) || !(o.get("size") instanceof JsonNumber size)
                    || !size.isIntegral()) {
                throw new InvalidInputException("Each object needs an \"oid\" (string) and a \"size\" (whole number).");
            }
            wanted.add(new LfsService.Wanted(oid.getString(), size.longValueExact()));
        }
        String objectsUrl = baseUrl.of(request) + repo.repository().getPath() + ".git/info/lfs/objects/";
        JsonArrayBuilder answers = JSON.createArrayBuilder();
        for (LfsService.Answer answer : lfs.batch(repo, op, wanted)) {
            JsonObjectBuilder item = JSON.createObjectBuilder().add("oid", answer.oid()).add("size", answer.size());
            if (answer instanceof LfsService.Refused refused) {
                item.add("error", JSON.createObjectBuilder().add("code", refused.code()).add("message", refused.message()));
            } else if (answer instanceof LfsService.Transfer transfer) {
                JsonObjectBuilder actions = JSON.createObjectBuilder()
                        .add(op == TransferGrant.Operation.UPLOAD ? "upload" : "download", link(objectsUrl + answer.oid(), transfer.transfer()));
                if (transfer.verify() != null) {
                    actions.add("verify", link(objectsUrl + answer.oid() + "/verify", transfer.verify()));
                }
                item.add("authenticated", true).add("actions", actions);
            }
            answers.add(item);
        }
        sendJson(response, 200, JSON.createObjectBuilder().add("transfer", "basic").add("objects", answers).add("hash_algo", "sha256").build());
    }

    private JsonObjectBuilder link(String href, TransferGrant grant) {
        long seconds = Math.max(1, grant.expires().getEpochSecond() - java.time.Instant.now().getEpochSecond());
        return JSON.createObjectBuilder().add("href", href + "?t=" + grants.sign(grant)).add("expires_in", seconds);
    }

    private void download(RepoRef ref, String oid, HttpServletRequest request, HttpServletResponse response) throws IOException {
        TransferGrant grant = grant(ref, TransferGrant.Operation.DOWNLOAD, oid, -1, request);
        long size = lfs.downloadSize(grant);
        ByteRange range = ByteRange.of(request.getHeader("Range"), size, response);
        response.setContentType("application/octet-stream");
        response.setHeader("ETag", "\"" + oid + "\"");
        range.apply(response, size);
        if (request.getMethod().equals("GET") && size > 0) {
            try (InputStream in = lfs.open(oid, range.start()); OutputStream out = response.getOutputStream()) {
                range.copy(in, out);
            }
        }
    }

    private void upload(RepoRef ref, String oid, HttpServletRequest request, HttpServletResponse response) throws IOException {
        TransferGrant grant = grant(ref, TransferGrant.Operation.UPLOAD, oid, request.getContentLengthLong(), request);
        long declared = request.getContentLengthLong();
        if (declared >= 0 && declared != grant.size()) {
            throw new org.hubguard.lfs.LfsContentException("The upload has " + declared + " bytes; object " + oid + " has " + grant.size() + ".");
        }
        lfs.receive(grant, request.getInputStream());
        response.setStatus(200);
    }

    /** {oid, size} → 200 when the object is stored for this repository. */
    private void verify(RepoRef ref, String oid, HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonObject body = readJson(request);
        if (!(body.get("size") instanceof JsonNumber size) || !size.isIntegral()) {
            throw new InvalidInputException("Send {\"oid\", \"size\"}.");
        }
        TransferGrant grant = grant(ref, TransferGrant.Operation.VERIFY, oid, size.longValueExact(), request);
        lfs.verify(grant, Optional.ofNullable(string(body, "oid")).orElse(oid), size.longValueExact());
        sendJson(response, 200, JSON.createObjectBuilder().build());
    }

    /** The transfer's grant: the signed one from the batch answer (?t=), or one decided now on the caller's credentials. */
    private TransferGrant grant(RepoRef ref, TransferGrant.Operation operation, String oid, long size, HttpServletRequest request) {
        String token = request.getParameter("t");
        if (token == null) {
            return lfs.grantFor(repositories.context(caller.get(), ref), operation, oid, size);
        }
        TransferGrant grant = grants.verify(token).orElseThrow(() -> new RequestRefusedException(401,
                "This transfer link is not valid or has expired: ask the batch API for a new one."));
        if (grant.operation() != operation || !grant.oid().equals(oid)) {
            throw new RequestRefusedException(403, "This transfer link is for another object or operation.");
        }
        return grant;
    }

    private void listLocks(RepoContext repo, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Long id = request.getParameter("id") == null ? null : parseLong(request.getParameter("id"), "id");
        long cursor = request.getParameter("cursor") == null ? 0 : parseLong(request.getParameter("cursor"), "cursor");
        int limit = request.getParameter("limit") == null ? LfsLocks.MAX_PAGE : (int) parseLong(request.getParameter("limit"), "limit");
        List<LfsLock> page = locks.list(repo, request.getParameter("path"), id, cursor, limit);
        JsonArrayBuilder list = JSON.createArrayBuilder();
        page.stream().limit(Math.min(Math.max(limit, 1), LfsLocks.MAX_PAGE)).forEach(lock -> list.add(lockJson(lock)));
        JsonObjectBuilder body = JSON.createObjectBuilder().add("locks", list);
        nextCursor(page, limit).ifPresent(next -> body.add("next_cursor", next));
        sendJson(response, 200, body.build());
    }

    private void createLock(RepoContext repo, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = string(readJson(request), "path");
        if (path == null || path.isBlank()) {
            throw new InvalidInputException("Send {\"path\": \"the file to lock\"}.");
        }
        try {
            sendJson(response, 201, JSON.createObjectBuilder().add("lock", lockJson(locks.lock(repo, path))).build());
        } catch (LfsLocks.LockConflictException taken) {
            sendJson(response, 409, JSON.createObjectBuilder().add("lock", lockJson(taken.lock())).add("message", taken.getMessage()).build());
        }
    }

    /** {cursor?, limit?} → {ours, theirs, next_cursor?}: what git lfs push asks before pushing. */
    private void verifyLocks(RepoContext repo, HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonObject body = readJson(request);
        long cursor = string(body, "cursor") == null || string(body, "cursor").isEmpty() ? 0 : parseLong(string(body, "cursor"), "cursor");
        int limit = body.get("limit") instanceof JsonNumber n ? n.intValue() : LfsLocks.MAX_PAGE;
        List<LfsLock> page = locks.forPush(repo, cursor, limit);
        JsonArrayBuilder ours = JSON.createArrayBuilder();
        JsonArrayBuilder theirs = JSON.createArrayBuilder();
        page.stream().limit(Math.min(Math.max(limit, 1), LfsLocks.MAX_PAGE)).forEach(lock ->
                (lock.getOwnerName().equalsIgnoreCase(repo.caller().username()) ? ours : theirs).add(lockJson(lock)));
        JsonObjectBuilder answer = JSON.createObjectBuilder().add("ours", ours).add("theirs", theirs);
        nextCursor(page, limit).ifPresent(next -> answer.add("next_cursor", next));
        sendJson(response, 200, answer.build());
    }

    private void unlock(RepoContext repo, long id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean force = readJson(request).get("force") == JsonValue.TRUE;
        try {
            sendJson(response, 200, JSON.createObjectBuilder().add("lock", lockJson(locks.unlock(repo, id, force))).build());
        } catch (LfsLocks.LockConflictException others) {
            sendJson(response, 403, JSON.createObjectBuilder().add("lock", lockJson(others.lock())).add("message", others.getMessage()).build());
        }
    }

    private static Optional<String> nextCursor(List<LfsLock> page, int limit) {
        int size = Math.min(Math.max(limit, 1), LfsLocks.MAX_PAGE);
        return page.size() > size ? Optional.of(String.valueOf(page.get(size).getId())) : Optional.empty();
    }

    private static JsonObjectBuilder lockJson(LfsLock lock) {
        return JSON.createObjectBuilder()
                .add("id", String.valueOf(lock.getId()))
                .add("path", lock.getPath())
                .add("locked_at", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(lock.getCreatedAt().atOffset(ZoneOffset.UTC)))
                .add("owner", JSON.createObjectBuilder().add("name", lock.getOwnerName()));
    }

    /** A small JSON request body (at most 1 MiB); an empty body is an empty object. */
    private static JsonObject readJson(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_JSON_BODY + 1);
        if (bytes.length > MAX_JSON_BODY) {
            throw new RequestRefusedException(413, "The request body is larger than " + MAX_JSON_BODY + " bytes.");
        }
        if (bytes.length == 0) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (var reader = JSON.createReader(new java.io.ByteArrayInputStream(bytes))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException malformed) {
            throw new InvalidInputException("The request body is not a JSON object: " + malformed.getMessage());
        }
    }

    private static String string(JsonObject body, String field) {
        return body.get(field) instanceof JsonString text ? text.getString() : null;
    }

    private static long parseLong(String value, String field) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("'" + field + "' must be a whole number.");
        }
    }

    private static void sendJson(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType(HttpError.LFS_JSON);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body.toString());
    }
}
