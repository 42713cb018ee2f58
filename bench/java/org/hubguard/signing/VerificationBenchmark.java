package org.hubguard.signing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Measures hubguard's in-process verification (what the server runs for every commit it shows or judges)
 * over every commit of a repository; compiled and run by bench/signature-verification.sh (not a test). Arguments: the repository's
 * .git directory, the armored public key, the committer email. Prints "commits seconds".
 */
public final class VerificationBenchmark {

    private VerificationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ParsedKey key = GpgKeys.parse(Files.readString(Path.of(args[1])));
        KeyDirectory keys = KeyDirectory.of(List.of(new KnownKey(key, "bench", Set.of(args[2]))));

        List<byte[]> raws = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        try (Repository repo = new FileRepositoryBuilder().setGitDir(new File(args[0])).setMustExist(true).build();
             RevWalk walk = new RevWalk(repo)) {
            walk.setRetainBody(true);
            walk.markStart(walk.parseCommit(repo.resolve("HEAD")));
            for (RevCommit commit : walk) {
                raws.add(commit.getRawBuffer().clone());
                emails.add(commit.getCommitterIdent().getEmailAddress());
            }
        }
        for (int i = 0; i < Math.min(100, raws.size()); i++) { // warm up the JIT
            CommitSignatures.verify(raws.get(i), emails.get(i), keys);
        }
        long start = System.nanoTime();
        int verified = 0;
        for (int i = 0; i < raws.size(); i++) {
            if (CommitSignatures.verify(raws.get(i), emails.get(i), keys).status() == SignatureStatus.VERIFIED) {
                verified++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (verified != raws.size()) {
            throw new IllegalStateException("only " + verified + " of " + raws.size() + " commits verified");
        }
        System.out.printf(java.util.Locale.ROOT, "%d %.3f%n", raws.size(), seconds);
    }
}
