#!/usr/bin/env bash
# Benchmark: hubguard's in-process signature verification (Bouncy Castle, what the server runs for every
# commit it shows or judges) against `git verify-commit` with gpg, once per commit, over 1,000 commits
# signed by the real gpg. Prints both rates and their ratio. Usage: bench/signature-verification.sh [COMMITS]
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
COMMITS="${1:-1000}"
WORK="$(mktemp -d /tmp/hg-bench.XXXXXX)"
trap 'gpgconf --kill gpg-agent >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
export GNUPGHOME="$WORK/gnupg" HOME="$WORK" GIT_CONFIG_NOSYSTEM=1
mkdir -m 700 "$GNUPGHOME"

EMAIL=bench@example.test
gpg --batch --passphrase '' --quick-gen-key "Bench <$EMAIL>" ed25519 sign,cert 1y 2>/dev/null
FPR=$(gpg --batch --with-colons --list-keys "$EMAIL" | awk -F: '/^fpr/ {print $10; exit}')
gpg --batch --armor --export "$FPR" > "$WORK/key.asc"

echo "Signing $COMMITS commits with gpg..."
git init -q -b main "$WORK/repo"
cd "$WORK/repo"
git config user.name Bench; git config user.email "$EMAIL"; git config user.signingkey "$FPR"
for i in $(seq 1 "$COMMITS"); do git commit -q --allow-empty -S -m "commit $i"; done

echo "git verify-commit, one gpg run per commit..."
start=$(date +%s.%N)
git rev-list HEAD | while read -r c; do git verify-commit "$c" 2>/dev/null; done
gpg_seconds=$(echo "$(date +%s.%N) - $start" | bc)

echo "hubguard, in-process..."
(cd "$REPO" && mvn -q -pl ejb -am compile && mvn -q -pl ejb dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt")
CP="$REPO/ejb/target/classes:$(cat "$WORK/cp.txt")"
javac -d "$WORK/classes" -cp "$CP" "$REPO/bench/java/org/hubguard/signing/VerificationBenchmark.java"
read -r n hub_seconds < <(java -cp "$WORK/classes:$CP" \
    org.hubguard.signing.VerificationBenchmark "$WORK/repo/.git" "$WORK/key.asc" "$EMAIL")

echo
awk -v n="$n" -v g="$gpg_seconds" -v h="$hub_seconds" 'BEGIN {
  printf "git verify-commit (gpg): %8.1f commits/s  (%d commits in %.2f s)\n", n / g, n, g
  printf "hubguard (in-process):   %8.1f commits/s  (%d commits in %.2f s)\n", n / h, n, h
  printf "ratio: hubguard verifies %.1fx as fast as git verify-commit\n", g / h
}'
